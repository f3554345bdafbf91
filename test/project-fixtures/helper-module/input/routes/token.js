const { RtcTokenBuilder, RtcRole } = require('agora-access-token');
const { expiresIn, nowSeconds } = require('../lib/time');
const time = require('../lib/time');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;
const TTL = 3600;

function rtcToken(channelName, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, expiresIn(TTL));
}

function shortToken(channelName, uid) {
  const privilegeExpiredTs = nowSeconds() + 600;
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.SUBSCRIBER, privilegeExpiredTs);
}

function requestedToken(channelName, uid, seconds) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, time.expiresIn(seconds));
}

module.exports = { rtcToken, shortToken, requestedToken };
