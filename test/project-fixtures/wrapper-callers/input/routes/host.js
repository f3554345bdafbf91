const { createRtcToken, PUBLISHER } = require('../lib/agora');

const HOST_TTL = 2 * 3600;

function hostToken(channelName, uid) {
  const expireAt = Math.floor(Date.now() / 1000) + HOST_TTL;
  return createRtcToken(channelName, uid, PUBLISHER, expireAt);
}

module.exports = { hostToken };
