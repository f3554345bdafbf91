import { RtcRole, RtcTokenBuilder } from 'agora-token';
import { agoraConfig, type AgoraConfig } from './config/agora.config';

export class TokenService {
  constructor(private readonly config: AgoraConfig) {}

  static viewerToken(channel: string, uid: number): string {
    return RtcTokenBuilder.buildTokenWithUid(agoraConfig.appId, agoraConfig.appCertificate, channel, uid, RtcRole.SUBSCRIBER, agoraConfig.tokenTtlSeconds, agoraConfig.tokenTtlSeconds);
  }

  static hostToken(channel: string, uid: number): string {
    return RtcTokenBuilder.buildTokenWithUid(agoraConfig.appId, agoraConfig.appCertificate, channel, uid, RtcRole.PUBLISHER, agoraConfig.hostTtlSeconds, agoraConfig.hostTtlSeconds);
  }

  /** Injected configuration is only known at run time: converted there. */
  injectedToken(channel: string, uid: number): string {
    const now = Math.floor(Date.now() / 1000);
    return RtcTokenBuilder.buildTokenWithUid(this.config.appId, this.config.appCertificate, channel, uid, RtcRole.PUBLISHER, toTokenExpire(now + this.config.tokenTtlSeconds), toPrivilegeExpire(now + this.config.tokenTtlSeconds));
  }
}

export function injectedToken(channel: string, uid: number): string {
  return new TokenService({ ...agoraConfig }).injectedToken(channel, uid);
}

// agora-token-migrate: AccessToken2 takes seconds from now, not an absolute unix time; 0 (never) becomes 24 h, a past deadline 1 s.
function toTokenExpire(privilegeExpiredTs: number | string | null | undefined): number {
  if (!Number(privilegeExpiredTs)) return 86400;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}

// agora-token-migrate: privileges keep their v1 deadline as seconds from now; 0 still means never, a past deadline 1 s.
function toPrivilegeExpire(privilegeExpiredTs: number | string | null | undefined): number {
  if (!Number(privilegeExpiredTs)) return 0;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}
