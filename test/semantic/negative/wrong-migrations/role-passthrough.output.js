// WRONG: role 0 / 101 passed through unmapped (v2 gives them join only).
const { RtcTokenBuilder } = require('agora-token');

function generateRtcToken(channelName, uid, role, expireSeconds) {
  const now = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = now + expireSeconds;
  const expire = Math.min(Math.max(expireSeconds, 1), 86400);
  const token = RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channelName, uid, role, expire, expire);
  return { token, expiresAt: privilegeExpiredTs };
}

module.exports = { generateRtcToken };
