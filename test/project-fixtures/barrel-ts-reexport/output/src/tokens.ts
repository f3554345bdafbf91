import { RtcRole, RtcTokenBuilder } from './agora';

const appId = process.env.APP_ID!;
const appCertificate = process.env.APP_CERTIFICATE!;

export function hostToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.PUBLISHER, 1800, 1800);
}

export function audienceToken(channel: string, account: string): string {
  return RtcTokenBuilder.buildTokenWithUserAccount(appId, appCertificate, channel, account, RtcRole.PUBLISHER, 86400, 0);
}
