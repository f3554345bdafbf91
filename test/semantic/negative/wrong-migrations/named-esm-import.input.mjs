// v1 in native ESM: a named import of RtcTokenBuilder works from agora-access-token (its first export).
import { RtcTokenBuilder } from 'agora-access-token';

export function hostToken(channelName, uid) {
  const expiresAt = Math.floor(Date.now() / 1000) + 600;
  return RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channelName, uid, 1, expiresAt);
}
