const agora = require('../lib/agora');

function rtmToken(userId) {
  return agora.RtmTokenBuilder.buildToken(process.env.APP_ID, process.env.APP_CERTIFICATE, userId, 600);
}

module.exports = { rtmToken };
