const { RtcTokenBuilder, RtcRole } = require('agora-access-token');
const { TOKEN_TTL } = require('../constants');
const limits = require('../constants');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;

function rtcToken(channelName, uid) {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, now + TOKEN_TTL);
}

function longToken(channelName, uid) {
  const expireAt = Math.floor(Date.now() / 1000) + limits.LONG_TTL;
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, expireAt);
}

module.exports = { rtcToken, longToken };
