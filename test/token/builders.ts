import { encode006, encode007, uidToString, type Service007Input } from '../../src/token/index.ts';
import { APP_ID, CERTIFICATE } from './vectors.ts';

/** Deterministic builders with the same semantics as the agora packages' RTC/RTM builders, clock given. */

const DAY = 86400;

export interface V1Rtc {
  now: number;
  privilegeExpiredTs: number;
  channel?: string;
  uid?: string | number;
  role?: number;
  appId?: string;
  certificate?: string;
}

/** agora-access-token RtcTokenBuilder.buildTokenWithUid at `now`. */
export function v1Rtc({ now, privilegeExpiredTs, channel = 'room', uid = 7, role = 1, appId = APP_ID, certificate = CERTIFICATE }: V1Rtc): string {
  const publish = role === 0 || role === 1 || role === 101;
  const privileges: Record<number, number> = { 1: privilegeExpiredTs };
  if (publish) Object.assign(privileges, { 2: privilegeExpiredTs, 3: privilegeExpiredTs, 4: privilegeExpiredTs });
  return encode006({ appId, appCertificate: certificate, channelName: channel, uid, salt: 99, ts: now + DAY, privileges });
}

export interface V2Rtc {
  now: number;
  tokenExpire: number;
  privilegeExpire: number;
  channel?: string;
  uid?: string | number;
  role?: number;
  appId?: string;
  certificate?: string;
  /** Also add an RTM service for this user (buildTokenWithRtm). */
  rtmUser?: string;
}

/** agora-token RtcTokenBuilder.buildTokenWithUid (or buildTokenWithRtm) at `now`. */
export function v2Rtc({ now, tokenExpire, privilegeExpire, channel = 'room', uid = 7, role = 1, appId = APP_ID, certificate = CERTIFICATE, rtmUser }: V2Rtc): string {
  const privileges: Record<number, number> = { 1: privilegeExpire };
  if (role === 1) Object.assign(privileges, { 2: privilegeExpire, 3: privilegeExpire, 4: privilegeExpire });
  const services: Service007Input[] = [{ type: 1, channelName: channel, uid: uidToString(uid), privileges }];
  if (rtmUser !== undefined) services.push({ type: 2, userId: rtmUser, privileges: { 1: tokenExpire } });
  return encode007({ appId, appCertificate: certificate, issueTs: now, expire: tokenExpire, salt: 12345, services });
}

/** agora-access-token RtmTokenBuilder.buildToken at `now`. */
export function v1Rtm({ now, account, privilegeExpiredTs }: { now: number; account: string; privilegeExpiredTs: number }): string {
  return encode006({ appId: APP_ID, appCertificate: CERTIFICATE, channelName: account, uid: '', salt: 99, ts: now + DAY, privileges: { 1000: privilegeExpiredTs } });
}

/** agora-token RtmTokenBuilder.buildToken at `now`. */
export function v2Rtm({ now, account, expire }: { now: number; account: string; expire: number }): string {
  return encode007({ appId: APP_ID, appCertificate: CERTIFICATE, issueTs: now, expire, salt: 5, services: [{ type: 2, userId: account, privileges: { 1: expire } }] });
}
