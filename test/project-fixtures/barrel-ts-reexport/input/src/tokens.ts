import { RtcRole, RtcTokenBuilder } from './agora';

const appId = process.env.APP_ID!;
const appCertificate = process.env.APP_CERTIFICATE!;

export function hostToken(channel: string, uid: number): string {
  const expireAt = Math.floor(Date.now() / 1000) + 1800;
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.PUBLISHER, expireAt);
}

export function audienceToken(channel: string, account: string): string {
  return RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, channel, account, RtcRole.ATTENDEE, 0);
}
