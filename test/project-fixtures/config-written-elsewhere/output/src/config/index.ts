export const agoraConfig = { ttlSeconds: 3600 };
