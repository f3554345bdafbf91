// The package's entry point: other packages call createRtcToken with an absolute deadline.
const { RtcTokenBuilder } = require('agora-access-token');

function createRtcToken(channelName, uid, role, expireAt) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, role, expireAt);
}

module.exports = { createRtcToken };
