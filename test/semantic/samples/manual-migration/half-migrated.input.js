// Half-migrated: already on agora-token but still given an absolute deadline (the v1 meaning).
const { RtcTokenBuilder, RtcRole } = require('agora-token');

exports.hostToken = function hostToken(channelName, uid) {
  const privilegeExpiredTs = Math.floor(Date.now() / 1000) + 7200;
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, privilegeExpiredTs, 0);
};
