import { RtcTokenBuilder } from 'agora-access-token';
import { GUEST_ROLE, StreamRole } from './roles';

const appId = process.env.APP_ID!;
const appCertificate = process.env.APP_CERTIFICATE!;

export function hostToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, StreamRole.Host, 0);
}

export function viewerToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, StreamRole.Viewer, 0);
}

export function coHostToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, StreamRole.CoHost, 0);
}

export function guestToken(channel: string, account: string): string {
  return RtcTokenBuilder.buildTokenWithAccount(appId, appCertificate, channel, account, GUEST_ROLE, 0);
}
