// A typical v1 Express helper: deadline from now + ttl, role from the caller, absolute expiresAt returned.
const { RtcTokenBuilder } = require('agora-access-token');

const appId = process.env.AGORA_APP_ID;
const appCertificate = process.env.AGORA_APP_CERTIFICATE;

function generateRtcToken(channelName, uid, role, expireSeconds) {
  const currentTimestamp = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = currentTimestamp + expireSeconds;
  const token = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channelName, uid, role, privilegeExpiredTs);
  return { token, expiresAt: privilegeExpiredTs, channelName };
}

module.exports = { generateRtcToken };
