// Reference v1 helper shared in shape by every negative case.
const { RtcTokenBuilder } = require('agora-access-token');

function generateRtcToken(channelName, uid, role, expireSeconds) {
  const now = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = now + expireSeconds;
  const token = RtcTokenBuilder.buildTokenWithUid(process.env.AGORA_APP_ID, process.env.AGORA_APP_CERTIFICATE, channelName, uid, role, privilegeExpiredTs);
  return { token, expiresAt: privilegeExpiredTs };
}

module.exports = { generateRtcToken };
