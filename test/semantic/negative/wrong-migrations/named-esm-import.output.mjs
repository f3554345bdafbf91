// WRONG: a named import from agora-token crashes at load in native ESM (only ApaasTokenBuilder is detected).
import { RtcTokenBuilder } from 'agora-token';

export function hostToken(channelName, uid) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channelName, uid, 1, 600, 600);
}
