// Native ESM: default import + destructuring; an account token that never expires and an async RTM token.
import agora from 'agora-access-token';

const { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } = agora;

export function accountToken(channelName, account) {
  return RtcTokenBuilder.buildTokenWithAccount(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, String(account), RtcRole.SUBSCRIBER, 0);
}

export async function rtmToken(userId) {
  const expireAt = Math.floor(Date.now() / 1000) + 3600;
  return { rtmToken: RtmTokenBuilder.buildToken(process.env.APP_ID, process.env.APP_CERTIFICATE, String(userId), RtmRole.Rtm_User, expireAt), user: String(userId) };
}
