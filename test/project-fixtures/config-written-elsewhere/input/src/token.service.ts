import { RtcTokenBuilder, RtcRole } from 'agora-access-token';
import { agoraConfig } from './config';

export function issue(channel: string, uid: number): string {
  const now = Math.floor(Date.now() / 1000);
  return RtcTokenBuilder.buildTokenWithUid('970CA35de60c44645bbae8a215061b33', '5CFd2fd1755d40ecb72977518be15d3b', channel, uid, RtcRole.PUBLISHER, now + agoraConfig.ttlSeconds);
}
