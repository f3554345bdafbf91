// WRONG: privilegeExpire 0 ("never") where v1 had a finite deadline.
const { RtcTokenBuilder, RtcRole } = require('agora-token');

function generateRtcToken(channelName, uid, role, expireSeconds) {
  const now = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = now + expireSeconds;
  const expire = Math.min(Math.max(expireSeconds, 1), 86400);
  const v2Role = role == 0 || role == 101 ? RtcRole.PUBLISHER : role;
  const token = RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channelName, uid, v2Role, expire, 0);
  return { token, expiresAt: privilegeExpiredTs };
}

module.exports = { generateRtcToken };
