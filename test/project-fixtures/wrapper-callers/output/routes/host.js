const { createRtcToken, PUBLISHER } = require('../lib/agora');

const HOST_TTL = 2 * 3600;

function hostToken(channelName, uid) {
  return createRtcToken(channelName, uid, PUBLISHER, HOST_TTL);
}

module.exports = { hostToken };
