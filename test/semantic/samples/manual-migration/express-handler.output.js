// A typical v1 Express helper: deadline from now + ttl, role from the caller, absolute expiresAt returned.
const { RtcTokenBuilder, RtcRole } = require('agora-token');

const appId = process.env.AGORA_APP_ID;
const appCertificate = process.env.AGORA_APP_CERTIFICATE;

function generateRtcToken(channelName, uid, role, expireSeconds) {
  const currentTimestamp = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = currentTimestamp + expireSeconds;
  // relative seconds for v2: a deadline already reached becomes 1 s (0 would mean "never"), at most 24 h
  const expire = Math.min(Math.max(privilegeExpiredTs - currentTimestamp, 1), 86400);
  // v1 roles 0 (attendee) and 101 (admin) could publish; v2 only knows PUBLISHER
  const v2Role = role == 0 || role == 101 ? RtcRole.PUBLISHER : role;
  const token = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channelName, uid, v2Role, expire, expire);
  return { token, expiresAt: privilegeExpiredTs, channelName };
}

module.exports = { generateRtcToken };
