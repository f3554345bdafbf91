import pkg from 'agora-token';
const { RtcTokenBuilder, RtcRole } = pkg;

export function createRtcToken(channelName, uid, expireAt) {
  return RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', channelName, uid, RtcRole.PUBLISHER, toTokenExpire(expireAt), toPrivilegeExpire(expireAt));
}

// agora-token-migrate: AccessToken2 takes seconds from now, not an absolute unix time; 0 (never) becomes 24 h, a past deadline 1 s.
function toTokenExpire(privilegeExpiredTs) {
  if (!Number(privilegeExpiredTs)) return 86400;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}

// agora-token-migrate: privileges keep their v1 deadline as seconds from now; 0 still means never, a past deadline 1 s.
function toPrivilegeExpire(privilegeExpiredTs) {
  if (!Number(privilegeExpiredTs)) return 0;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}
