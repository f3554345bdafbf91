/**
 * The two token packages as they behave at run time. Their bundled d.ts files are narrower than the
 * JavaScript (v1 omits roles 0/101 and types uid as a number; reference 1.1), and `verify` must pass
 * exactly the values real servers pass, so we load them with `require` and type them here.
 */
import { createRequire } from 'node:module';

/** `agora-access-token` (006). */
export interface V1Package {
  RtcTokenBuilder: {
    buildTokenWithUid(appId: string, certificate: string, channel: string, uid: unknown, role: unknown, privilegeExpiredTs?: unknown): string;
    buildTokenWithAccount(appId: string, certificate: string, channel: string, account: unknown, role: unknown, privilegeExpiredTs?: unknown): string;
  };
  RtmTokenBuilder: {
    buildToken(appId: string, certificate: string, account: unknown, role: unknown, privilegeExpiredTs?: unknown): string;
  };
  RtmRole: { Rtm_User: number };
}

/** `agora-token` (007). */
export interface V2Package {
  RtcTokenBuilder: {
    buildTokenWithUid(appId: string, certificate: string, channel: string, uid: unknown, role: unknown, tokenExpire: number, privilegeExpire: number): string;
    buildTokenWithUserAccount(appId: string, certificate: string, channel: string, account: unknown, role: unknown, tokenExpire: number, privilegeExpire: number): string;
  };
  RtmTokenBuilder: {
    buildToken(appId: string, certificate: string, userId: unknown, expire: number): string;
  };
}

const require = createRequire(import.meta.url);

/** Loads `agora-access-token` (a dependency of this package). */
export function loadV1Package(): V1Package {
  return require('agora-access-token') as V1Package;
}

/** Loads `agora-token` (a dependency of this package). */
export function loadV2Package(): V2Package {
  return require('agora-token') as V2Package;
}
