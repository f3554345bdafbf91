const { RtcTokenBuilder, RtcRole } = require('agora-access-token');

// Every route goes through here; expireAt is an absolute unix time.
function createRtcToken(channelName, uid, role, expireAt) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, role, expireAt);
}

module.exports = { createRtcToken, PUBLISHER: RtcRole.PUBLISHER, SUBSCRIBER: RtcRole.SUBSCRIBER };
