const { RtcTokenBuilder, RtcRole } = require('agora-access-token');
const config = require('./config');
const { FROM_ENV, TUNABLE } = require('./limits');

function rtcToken(channelName, uid) {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, now + config.tokenTtl);
}

function envToken(channelName, uid) {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, now + FROM_ENV);
}

function tunedToken(channelName, uid) {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, now + TUNABLE);
}

module.exports = { rtcToken, envToken, tunedToken };
