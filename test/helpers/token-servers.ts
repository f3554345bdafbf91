/**
 * Small real token servers for differential tests: one on agora-access-token (v1), one on
 * agora-token (v2) through src/mapping.ts, optionally with a planted mapping mistake. They
 * implement the common public shapes: GET /rtc/:channel/:role/:tokentype/:uid (?expiry=),
 * GET /rtm/:uid, POST /fetch_rtc_token {uid, ChannelName, role}, and GET /plain/:channel
 * (the token as a text/plain body). Listening on 127.0.0.1, port 0.
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Request, type Response } from 'express';
import * as mapping from '../../src/mapping.ts';
import { TEST_APP_CERTIFICATE, TEST_APP_ID } from '../../src/verify/index.ts';
import type { V1Package, V2Package } from '../../src/verify/packages.ts';

const require = createRequire(import.meta.url);
const v1 = require('agora-access-token') as V1Package & { RtcRole: Record<string, number> };
const v2 = require('agora-token') as V2Package & { RtcRole: Record<string, number> };

/** What differs between the servers: the token library and, for planted bugs, the mapping. */
export interface TokenServerOptions {
  generation: 'v1' | 'v2';
  /** v2 only: replaces mapping functions (e.g. `toPrivilegeExpire: () => 0`). */
  mapping?: Partial<Pick<typeof mapping, 'toV2Role' | 'toTokenExpire' | 'toPrivilegeExpire' | 'toRtmExpire'>>;
  /** Extra response fields (to plant non-token differences). */
  extraFields?: Record<string, unknown>;
  /** Shift the reported `expiresAt` by this many seconds (to plant a time-field difference). */
  expiresAtSkew?: number;
  /** Status code for a missing channel (v1 servers answer 400; plant 500 to test status checks). */
  missingChannelStatus?: number;
}

/** A running server; `close()` ends it and every open connection. */
export interface RunningServer {
  url: string;
  requests: number;
  close(): Promise<void>;
}

function roleFromName(name: string): number {
  // the v1 servers' convention; 'attendee' and 'admin' keep the deprecated values alive
  return ({ publisher: 1, subscriber: 2, audience: 2, attendee: 0, admin: 101 } as Record<string, number>)[name] ?? 2;
}

function createApp(options: TokenServerOptions, counter: { requests: number }): express.Express {
  const map = { ...mapping, ...options.mapping };
  const app = express();
  app.use((_req, _res, next) => {
    counter.requests += 1;
    next();
  });
  app.use(express.json());

  const rtcToken = (channel: string, uid: number | string, account: boolean, role: unknown, privilegeExpiredTs: number): string => {
    if (options.generation === 'v1') {
      return account
        ? v1.RtcTokenBuilder.buildTokenWithAccount(TEST_APP_ID, TEST_APP_CERTIFICATE, channel, uid, role, privilegeExpiredTs)
        : v1.RtcTokenBuilder.buildTokenWithUid(TEST_APP_ID, TEST_APP_CERTIFICATE, channel, uid, role, privilegeExpiredTs);
    }
    const now = mapping.nowSeconds();
    const args = [map.toV2Role(role), map.toTokenExpire(privilegeExpiredTs, now), map.toPrivilegeExpire(privilegeExpiredTs, now)] as const;
    return account
      ? v2.RtcTokenBuilder.buildTokenWithUserAccount(TEST_APP_ID, TEST_APP_CERTIFICATE, channel, uid, ...args)
      : v2.RtcTokenBuilder.buildTokenWithUid(TEST_APP_ID, TEST_APP_CERTIFICATE, channel, uid, ...args);
  };
  const rtmToken = (user: string, privilegeExpiredTs: number): string =>
    options.generation === 'v1'
      ? v1.RtmTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, user, v1.RtmRole.Rtm_User, privilegeExpiredTs)
      : v2.RtmTokenBuilder.buildToken(TEST_APP_ID, TEST_APP_CERTIFICATE, user, map.toRtmExpire(privilegeExpiredTs, mapping.nowSeconds()));
  const deadline = (req: Request): number => {
    const expiry = typeof req.query.expiry === 'string' ? parseInt(req.query.expiry, 10) : 3600;
    return Math.floor(Date.now() / 1000) + expiry;
  };
  const send = (res: Response, fields: Record<string, unknown>, privilegeExpiredTs: number): void => {
    res.json({ ...fields, expiresAt: privilegeExpiredTs + (options.expiresAtSkew ?? 0), ...options.extraFields });
  };

  app.get('/rtc/:channel/:role/:tokentype/:uid', (req, res) => {
    const account = req.params.tokentype === 'userAccount';
    const uid = account ? req.params.uid : parseInt(req.params.uid, 10);
    const ts = deadline(req);
    send(res, { rtcToken: rtcToken(req.params.channel, uid, account, roleFromName(req.params.role), ts) }, ts);
  });
  app.get('/rtm/:uid', (req, res) => {
    const ts = deadline(req);
    send(res, { rtmToken: rtmToken(req.params.uid, ts) }, ts);
  });
  app.post('/fetch_rtc_token', (req, res) => {
    const { uid, ChannelName, role } = (req.body ?? {}) as { uid?: number; ChannelName?: string; role?: unknown };
    if (!ChannelName) {
      res.status(options.missingChannelStatus ?? 400).json({ error: 'ChannelName is required' });
      return;
    }
    const ts = deadline(req);
    res.json({ code: 0, data: { token: rtcToken(ChannelName, uid ?? 0, false, role, ts), channel: ChannelName } });
  });
  app.get('/plain/:channel', (req, res) => {
    res.type('text/plain').send(rtcToken(req.params.channel, 0, false, 1, deadline(req)));
  });
  app.get('/hang', () => {
    // never answers: exercises the client timeout
  });
  return app;
}

/** Starts a token server on 127.0.0.1 with an ephemeral port. */
export async function startTokenServer(options: TokenServerOptions): Promise<RunningServer> {
  const counter = { requests: 0 };
  const app = createApp(options, counter);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  // bound every request on the server side too, so a stuck test cannot hang the suite
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return counter.requests;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
