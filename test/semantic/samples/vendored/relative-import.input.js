// Imports the v1 builder from a vendored copy by relative path; role 0 (ATTENDEE) via the vendored Role.
const { RtcTokenBuilder, Role } = require('./vendor/RtcTokenBuilder.js');

module.exports = function attendeeToken(channelName, uid) {
  const expiresAt = Math.floor(Date.now() / 1000) + 900;
  return { token: RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channelName, uid, Role.ATTENDEE, expiresAt), expiresAt };
};
