// Node resolves @config/* through node_modules/@config (a link to src/config), TypeScript through paths.
const MINUTE = 60;

export const TOKEN_TTL_SECONDS = 45 * MINUTE;
