import { RtcRole, RtcTokenBuilder } from 'agora-token';
import { ROLE_TTL, TokenLifetime } from './lifetimes';

const appId = process.env.APP_ID!;
const appCertificate = process.env.APP_CERTIFICATE!;

export function previewToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.SUBSCRIBER, TokenLifetime.Short, TokenLifetime.Short);
}

export function dayToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.SUBSCRIBER, TokenLifetime.Day, TokenLifetime.Day);
}

export function hostToken(channel: string, uid: number): string {
  return RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channel, uid, RtcRole.PUBLISHER, ROLE_TTL.host, ROLE_TTL.host);
}
