// Half-migrated: already on agora-token but still given an absolute deadline (the v1 meaning).
const { RtcTokenBuilder, RtcRole } = require('agora-token');

exports.hostToken = function hostToken(channelName, uid) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channelName, uid, RtcRole.PUBLISHER, 7200, 7200);
};
