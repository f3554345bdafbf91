import { RtcRole, RtcTokenBuilder } from 'agora-access-token';
import { ROLE_TTL, TokenLifetime } from './lifetimes';

const appId = process.env.APP_ID!;
const appCertificate = process.env.APP_CERTIFICATE!;

export function previewToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.SUBSCRIBER, Math.floor(Date.now() / 1000) + TokenLifetime.Short);
}

export function dayToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.SUBSCRIBER, Math.floor(Date.now() / 1000) + TokenLifetime.Day);
}

export function hostToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + ROLE_TTL.host);
}
