const agora = require('../lib/agora');

function rtmToken(userId) {
  const expireAt = Math.floor(Date.now() / 1000) + 600;
  return agora.RtmTokenBuilder.buildToken(process.env.APP_ID, process.env.APP_CERTIFICATE, userId, agora.RtmRole.Rtm_User, expireAt);
}

module.exports = { rtmToken };
