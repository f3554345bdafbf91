import { RtcTokenBuilder, RtcRole, RtmTokenBuilder } from 'agora-token';

export interface AgoraConfig {
  appId: string;
  appCertificate: string;
  /** Lifetime of user tokens, from TOKEN_TTL_SECONDS. */
  tokenTtlSeconds: number;
}

export interface IssuedToken {
  token: string;
  /** Unix time (seconds) at which the token's privileges end. */
  expiresAt: number;
}

export class TokenService {
  constructor(private readonly config: AgoraConfig) {}

  rtcTokenForUid(channelName: string, uid: number, role: number): IssuedToken {
    const currentTimestamp = Math.floor(Date.now() / 1000);
    const privilegeExpiredTs = currentTimestamp + this.config.tokenTtlSeconds;
    const token = RtcTokenBuilder.buildTokenWithUid(
      this.config.appId,
      this.config.appCertificate,
      channelName,
      uid,
      toV2Role(role),
      toTokenExpire(privilegeExpiredTs),
      toPrivilegeExpire(privilegeExpiredTs),
    );
    return { token, expiresAt: privilegeExpiredTs };
  }

  rtcTokenForAccount(channelName: string, account: string, role: number): IssuedToken {
    const currentTimestamp = Math.floor(Date.now() / 1000);
    const privilegeExpiredTs = currentTimestamp + this.config.tokenTtlSeconds;
    const token = RtcTokenBuilder.buildTokenWithUserAccount(
      this.config.appId,
      this.config.appCertificate,
      channelName,
      account,
      toV2Role(role),
      toTokenExpire(privilegeExpiredTs),
      toPrivilegeExpire(privilegeExpiredTs),
    );
    return { token, expiresAt: privilegeExpiredTs };
  }

  /** The cloud-recording bot's token: its privileges never expire, so a long recording is never cut off. */
  recorderToken(channelName: string, uid: number): string {
    return RtcTokenBuilder.buildTokenWithUid(
      this.config.appId,
      this.config.appCertificate,
      channelName,
      uid,
      RtcRole.PUBLISHER,
      86400,
      0,
    );
  }

  rtmToken(userId: string): string {
    const expireAt = Math.floor(Date.now() / 1000) + this.config.tokenTtlSeconds;
    return RtmTokenBuilder.buildToken(this.config.appId, this.config.appCertificate, userId, toTokenExpire(expireAt));
  }
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

// agora-token-migrate: v1 roles ATTENDEE (0) and ADMIN (101) could publish; in AccessToken2 only PUBLISHER (1) can.
function toV2Role(role: number): number {
  return role == 0 || role == 101 ? 1 : role;
}
