// WRONG: type-checks, but the named import from agora-token crashes at load once emitted as ESM.
import { RtcTokenBuilder } from 'agora-token';

export function hostToken(channelName: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID ?? '', process.env.AGORA_APP_CERTIFICATE ?? '', channelName, uid, 1, 600, 600);
}
