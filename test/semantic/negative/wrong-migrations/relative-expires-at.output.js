// WRONG: the returned expiresAt lost its absolute meaning (the token itself is right).
const { RtcTokenBuilder, RtcRole } = require('agora-token');

function generateRtcToken(channelName, uid, role, expireSeconds) {
  const expire = Math.min(Math.max(expireSeconds, 1), 86400);
  const v2Role = role == 0 || role == 101 ? RtcRole.PUBLISHER : role;
  const token = RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channelName, uid, v2Role, expire, expire);
  return { token, expiresAt: expireSeconds };
}

module.exports = { generateRtcToken };
