const agora = require('../lib/agora');

function viewerToken(channelName, uid) {
  return agora.createRtcToken(channelName, uid, agora.SUBSCRIBER, Math.floor(Date.now() / 1000) + 600);
}

module.exports = { viewerToken };
