const { RtcTokenBuilder, RtcRole } = require('../lib/agora');
const { TOKEN_TTL } = require('../lib/ttl');

function rtcToken(channelName, uid, role) {
  const now = Math.floor(Date.now() / 1000);
  const rtcRole = role === 'host' ? RtcRole.ADMIN : RtcRole.SUBSCRIBER;
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, rtcRole, now + TOKEN_TTL);
}

module.exports = { rtcToken };
