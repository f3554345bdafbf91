const { RtcTokenBuilder, RtcRole } = require('agora-token');
const { TOKEN_TTL } = require('../constants');
const limits = require('../constants');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;

function rtcToken(channelName, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, TOKEN_TTL, TOKEN_TTL);
}

function longToken(channelName, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, limits.LONG_TTL, limits.LONG_TTL);
}

module.exports = { rtcToken, longToken };
