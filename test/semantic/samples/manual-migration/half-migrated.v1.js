// The original v1 code the half-migration started from: the semantic reference.
const { RtcTokenBuilder, RtcRole } = require('agora-access-token');

exports.hostToken = function hostToken(channelName, uid) {
  const privilegeExpiredTs = Math.floor(Date.now() / 1000) + 7200;
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, privilegeExpiredTs);
};
