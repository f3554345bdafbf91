import { RtcTokenBuilder, RtcRole, RtmTokenBuilder, RtmRole } from 'agora-access-token';

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
      role,
      privilegeExpiredTs,
    );
    return { token, expiresAt: privilegeExpiredTs };
  }

  rtcTokenForAccount(channelName: string, account: string, role: number): IssuedToken {
    const currentTimestamp = Math.floor(Date.now() / 1000);
    const privilegeExpiredTs = currentTimestamp + this.config.tokenTtlSeconds;
    const token = RtcTokenBuilder.buildTokenWithAccount(
      this.config.appId,
      this.config.appCertificate,
      channelName,
      account,
      role,
      privilegeExpiredTs,
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
      0,
    );
  }

  rtmToken(userId: string): string {
    const expireAt = Math.floor(Date.now() / 1000) + this.config.tokenTtlSeconds;
    return RtmTokenBuilder.buildToken(this.config.appId, this.config.appCertificate, userId, RtmRole.Rtm_User, expireAt);
  }
}
