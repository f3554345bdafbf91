const { RtcTokenBuilder } = require('agora-token');
const roles = require('./lib/roles');
const { HOST_ROLE } = require('./lib/host-role');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;

function roomToken(channel, uid, kind) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, roles[kind], 86400, 0);
}

function moderatorToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, roles.moderator, 86400, 0);
}

function hostToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, HOST_ROLE, 86400, 0);
}

module.exports = { roomToken, moderatorToken, hostToken };
