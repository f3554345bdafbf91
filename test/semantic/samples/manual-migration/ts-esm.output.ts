// TypeScript compiled as native ESM (options.json): default import, since named imports of CJS packages break.
import agoraToken from 'agora-token';

const { RtcTokenBuilder } = agoraToken;

export const TTL = 3600;

export function audienceToken(channelName: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID ?? '', process.env.AGORA_APP_CERTIFICATE ?? '', channelName, uid, 2, TTL, TTL);
}
