// Native ESM: default import + destructuring; an account token that never expires and an async RTM token.
import agoraToken from 'agora-token';

const { RtcTokenBuilder, RtcRole, RtmTokenBuilder } = agoraToken;

export function accountToken(channelName, account) {
  // v1 privilegeExpiredTs 0 = privileges never expire: token 24 h, privilege 0 ("never")
  return RtcTokenBuilder.buildTokenWithUserAccount(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, String(account), RtcRole.SUBSCRIBER, 86400, 0);
}

export async function rtmToken(userId) {
  return { rtmToken: RtmTokenBuilder.buildToken(process.env.APP_ID, process.env.APP_CERTIFICATE, String(userId), 3600), user: String(userId) };
}
