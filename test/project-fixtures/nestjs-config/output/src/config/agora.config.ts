/** Agora settings, read once at start-up. */
export const agoraConfig = {
  appId: process.env.AGORA_APP_ID ?? '',
  appCertificate: process.env.AGORA_APP_CERTIFICATE ?? '',
  tokenTtlSeconds: 3600,
  hostTtlSeconds: 2 * 3600,
};

export type AgoraConfig = typeof agoraConfig;
