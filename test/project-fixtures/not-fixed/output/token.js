const { RtcTokenBuilder, RtcRole } = require('agora-token');
const config = require('./config');
const { FROM_ENV, TUNABLE } = require('./limits');

function rtcToken(channelName, uid) {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, toTokenExpire(now + config.tokenTtl), toPrivilegeExpire(now + config.tokenTtl));
}

function envToken(channelName, uid) {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, toTokenExpire(now + FROM_ENV), toPrivilegeExpire(now + FROM_ENV));
}

function tunedToken(channelName, uid) {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, toTokenExpire(now + TUNABLE), toPrivilegeExpire(now + TUNABLE));
}

module.exports = { rtcToken, envToken, tunedToken };

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
