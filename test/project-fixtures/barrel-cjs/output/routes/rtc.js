const { RtcTokenBuilder, RtcRole } = require('../lib/agora');
const { TOKEN_TTL } = require('../lib/ttl');

function rtcToken(channelName, uid, role) {
  const rtcRole = role === 'host' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER;
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, rtcRole, TOKEN_TTL, TOKEN_TTL);
}

module.exports = { rtcToken };
