const { createRtcToken } = require('../lib/agora');

const PUBLISHER = 1;

function hostToken(channelName, uid) {
  const expireAt = Math.floor(Date.now() / 1000) + 3600;
  return createRtcToken(channelName, uid, PUBLISHER, expireAt);
}

module.exports = { hostToken };
