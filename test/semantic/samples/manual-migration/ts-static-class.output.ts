// TypeScript (CommonJS) service class with a static builder and hard-coded test credentials.
import { RtcRole, RtcTokenBuilder } from 'agora-token';

const APP_ID = '970CA35de60c44645bbae8a215061b33';
const APP_CERTIFICATE = '5CFd2fd1755d40ecb72977518be15d3b';

export class TokenService {
  static readonly ttlSeconds = 600;

  static forHost(channel: string, uid: number): string {
    return RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, RtcRole.PUBLISHER, TokenService.ttlSeconds, TokenService.ttlSeconds);
  }
}
