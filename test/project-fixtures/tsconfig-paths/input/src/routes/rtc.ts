import { RtcRole, RtcTokenBuilder } from 'agora-access-token';
import { TOKEN_TTL_SECONDS } from '@config/token';

export function rtcToken(channel: string, uid: number): { token: string } {
  const currentTimestamp = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = currentTimestamp + TOKEN_TTL_SECONDS;
  const token = RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID!, process.env.APP_CERTIFICATE!, channel, uid, RtcRole.PUBLISHER, privilegeExpiredTs);
  return { token };
}
