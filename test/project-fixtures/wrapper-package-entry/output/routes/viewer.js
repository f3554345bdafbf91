const agora = require('../lib/agora');

function viewerToken(channelName, uid) {
  return agora.createRtcToken(channelName, uid, 2, Math.floor(Date.now() / 1000) + 600);
}

module.exports = { viewerToken };
