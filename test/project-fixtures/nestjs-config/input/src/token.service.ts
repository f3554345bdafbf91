import { RtcRole, RtcTokenBuilder } from 'agora-access-token';
import { agoraConfig, type AgoraConfig } from './config/agora.config';

export class TokenService {
  constructor(private readonly config: AgoraConfig) {}

  static viewerToken(channel: string, uid: number): string {
    const now = Math.floor(Date.now() / 1000);
    return RtcTokenBuilder.buildTokenWithUid(agoraConfig.appId, agoraConfig.appCertificate, channel, uid, RtcRole.SUBSCRIBER, now + agoraConfig.tokenTtlSeconds);
  }

  static hostToken(channel: string, uid: number): string {
    const privilegeExpiredTs = Math.floor(Date.now() / 1000) + agoraConfig.hostTtlSeconds;
    return RtcTokenBuilder.buildTokenWithUid(agoraConfig.appId, agoraConfig.appCertificate, channel, uid, RtcRole.PUBLISHER, privilegeExpiredTs);
  }

  /** Injected configuration is only known at run time: converted there. */
  injectedToken(channel: string, uid: number): string {
    const now = Math.floor(Date.now() / 1000);
    return RtcTokenBuilder.buildTokenWithUid(this.config.appId, this.config.appCertificate, channel, uid, RtcRole.PUBLISHER, now + this.config.tokenTtlSeconds);
  }
}

export function injectedToken(channel: string, uid: number): string {
  return new TokenService({ ...agoraConfig }).injectedToken(channel, uid);
}
