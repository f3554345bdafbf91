const agora = require('../lib/agora');

function viewerToken(channelName, uid) {
  return agora.createRtcToken(channelName, uid, agora.SUBSCRIBER, 600);
}

module.exports = { viewerToken };
