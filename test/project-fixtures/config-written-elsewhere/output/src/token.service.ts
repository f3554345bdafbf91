import { RtcTokenBuilder, RtcRole } from 'agora-token';
import { agoraConfig } from './config';

export function issue(channel: string, uid: number): string {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', channel, uid, RtcRole.PUBLISHER, toTokenExpire(now + agoraConfig.ttlSeconds), toPrivilegeExpire(now + agoraConfig.ttlSeconds));
}

// agora-token-migrate: AccessToken2 takes seconds from now, not an absolute unix time; 0 (never) becomes 24 h, a past deadline 1 s.
function toTokenExpire(privilegeExpiredTs: number | string | null | undefined): number {
  if (!Number(privilegeExpiredTs)) return 86400;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}

// agora-token-migrate: privileges keep their v1 deadline as seconds from now; 0 still means never, a past deadline 1 s.
function toPrivilegeExpire(privilegeExpiredTs: number | string | null | undefined): number {
  if (!Number(privilegeExpiredTs)) return 0;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}
