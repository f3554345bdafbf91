import { RtcRole, RtcTokenBuilder } from 'agora-token';
import { TOKEN_TTL_SECONDS } from '@config/token';

export function rtcToken(channel: string, uid: number): { token: string } {
  const token = RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID!, process.env.APP_CERTIFICATE!, channel, uid, RtcRole.PUBLISHER, TOKEN_TTL_SECONDS, TOKEN_TTL_SECONDS);
  return { token };
}
