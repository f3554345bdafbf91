import pkg from 'agora-access-token';
const { RtcTokenBuilder, RtcRole } = pkg;

export function createRtcToken(channelName, uid, expireAt) {
  return RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', channelName, uid, RtcRole.PUBLISHER, expireAt);
}
