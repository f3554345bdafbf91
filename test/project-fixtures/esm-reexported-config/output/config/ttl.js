export const HOUR = 3600;
export const VIEWER_TTL = HOUR / 2;
