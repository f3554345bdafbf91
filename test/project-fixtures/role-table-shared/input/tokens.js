const { RtcTokenBuilder } = require('agora-access-token');
const ROLES = require('./roles');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;

function moderatorToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, ROLES.moderator, 0);
}

function listenerToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, ROLES.listener, 0);
}

module.exports = { moderatorToken, listenerToken };
