// v1 TypeScript emitted as native ESM (options.json).
import agora from 'agora-access-token';

export function hostToken(channelName: string, uid: number): string {
  const expiresAt = Math.floor(Date.now() / 1000) + 600;
  return agora.RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID ?? '', process.env.AGORA_APP_CERTIFICATE ?? '', channelName, uid, 1, expiresAt);
}
