// TypeScript compiled as native ESM (options.json): default import, since named imports of CJS packages break.
import agora from 'agora-access-token';

const { RtcTokenBuilder } = agora;

export const TTL = 3600;

export function audienceToken(channelName: string, uid: number): string {
  const privilegeExpireTime = Math.floor(Date.now() / 1000) + TTL;
  return RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID ?? '', process.env.AGORA_APP_CERTIFICATE ?? '', channelName, uid, 2, privilegeExpireTime);
}
