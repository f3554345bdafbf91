const { RtcTokenBuilder, RtcRole } = require('agora-token');

// Every route goes through here; expireAt is an absolute unix time.
function createRtcToken(channelName, uid, role, expireSeconds) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, toV2Role(role), expireSeconds, expireSeconds);
}

module.exports = { createRtcToken, PUBLISHER: RtcRole.PUBLISHER, SUBSCRIBER: RtcRole.SUBSCRIBER };

// agora-token-migrate: v1 roles ATTENDEE (0) and ADMIN (101) could publish; in AccessToken2 only PUBLISHER (1) can.
function toV2Role(role) {
  return role == 0 || role == 101 ? 1 : role;
}
