const { RtcTokenBuilder } = require('agora-token');
const ROLES = require('./roles');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;

function moderatorToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, toV2Role(ROLES.moderator), 86400, 0);
}

function listenerToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, toV2Role(ROLES.listener), 86400, 0);
}

module.exports = { moderatorToken, listenerToken };

// agora-token-migrate: v1 roles ATTENDEE (0) and ADMIN (101) could publish; in AccessToken2 only PUBLISHER (1) can.
function toV2Role(role) {
  return role == 0 || role == 101 ? 1 : role;
}
