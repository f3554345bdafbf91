/** Expiry argument positions of the AccessToken2 builders, without the parsers (for `check`'s rules too). */

/** Where a builder method takes expiries: token lifetimes (never 0) and privilege expiries (0 = never). */
export interface ExpiryPositions {
  token: readonly number[];
  privilege: readonly number[];
}

/**
 * Expiry argument positions of every AccessToken2 builder method (reference 1.3), shared by the
 * analysis (which positions to classify) and the `check` rules (which positions must not be 0).
 */
export const V2_EXPIRY_POSITIONS: Readonly<Record<'rtc' | 'rtm', Readonly<Record<string, ExpiryPositions>>>> = {
  rtc: {
    // (appId, appCertificate, channelName, uid|account, role, tokenExpire, privilegeExpire = 0)
    buildTokenWithUid: { token: [5], privilege: [6] },
    buildTokenWithUserAccount: { token: [5], privilege: [6] },
    buildTokenWithRtm: { token: [5], privilege: [6] },
    // (appId, appCertificate, channelName, uid|account, tokenExpire, joinChannel…, pubAudio…, pubVideo…, pubDataStreamPrivilegeExpire)
    buildTokenWithUidAndPrivilege: { token: [4], privilege: [5, 6, 7, 8] },
    BuildTokenWithUserAccountAndPrivilege: { token: [4], privilege: [5, 6, 7, 8] },
    // (appId, appCertificate, channelName, rtcAccount, rtcRole, rtcTokenExpire, joinCh, pubAudio, pubVideo, pubData, rtmUserId, rtmTokenExpire)
    buildTokenWithRtm2: { token: [5, 11], privilege: [6, 7, 8, 9] },
  },
  rtm: {
    // (appId, appCertificate, userId, expire)
    buildToken: { token: [3], privilege: [] },
    // (appId, appCertificate, userId, permissions, expire)
    buildTokenWithPermissions: { token: [4], privilege: [] },
  },
};
