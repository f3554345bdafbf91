export enum TokenLifetime {
  Short = 600,
  Hour = 3600,
  Day = Hour * 24,
}

export const ROLE_TTL = {
  host: TokenLifetime.Hour * 2,
  audience: 900,
} as const;
