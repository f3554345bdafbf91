// RTC token server on plain node:http, native ESM.
//   GET /rtc-token?channel=<name>&uid=<0..2^32-1>&role=host|audience[&expireAt=<unix seconds>]
// expireAt is the absolute time the privileges end; 0 means they never do. Default: one hour from now.

import http from 'node:http';
import agoraToken from 'agora-token';
const { RtcTokenBuilder } = agoraToken;

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;
const PORT = Number(process.env.PORT ?? 8083);

// RtcRole values: a host publishes, the audience only watches.
const ROLES = { host: 1, audience: 2 };
const DEFAULT_TTL_SECONDS = 3600;
const MAX_UID = 4294967295;
// AccessToken stores deadlines as unsigned 32-bit seconds.
const MAX_TIMESTAMP = 4294967295;
const CHANNEL_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,63}$/;

if (!APP_ID || !APP_CERTIFICATE) {
  console.error('Set APP_ID and APP_CERTIFICATE in the environment.');
  process.exit(1);
}

function sendJson(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function rtcToken(params) {
  const channel = params.get('channel') ?? '';
  if (!CHANNEL_NAME.test(channel)) {
    return [400, { error: 'channel must be 1-63 characters from Agora\'s allowed set' }];
  }
  const uidText = params.get('uid') ?? '';
  if (!/^\d{1,10}$/.test(uidText) || Number(uidText) > MAX_UID) {
    return [400, { error: `uid must be an integer from 0 to ${MAX_UID}` }];
  }
  const uid = Number(uidText);
  const roleName = params.get('role') ?? 'audience';
  if (!Object.hasOwn(ROLES, roleName)) {
    return [400, { error: 'role must be "host" or "audience"' }];
  }
  const role = ROLES[roleName];

  const now = Math.floor(Date.now() / 1000);
  let expireAt = now + DEFAULT_TTL_SECONDS;
  const requested = params.get('expireAt');
  if (requested !== null) {
    expireAt = /^\d{1,10}$/.test(requested) ? Number(requested) : NaN;
    if (!(expireAt === 0 || (expireAt > now && expireAt <= MAX_TIMESTAMP))) {
      return [400, { error: 'expireAt must be 0 (never) or a future unix time in seconds' }];
    }
  }

  const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, role, toTokenExpire(expireAt), toPrivilegeExpire(expireAt));
  return [200, { token, channel, uid, expireAt }];
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method === 'GET' && url.pathname === '/rtc-token') {
    const [status, body] = rtcToken(url.searchParams);
    sendJson(res, status, body);
  } else if (req.method === 'GET' && url.pathname === '/healthz') {
    sendJson(res, 200, { ok: true });
  } else {
    sendJson(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
  }
});

server.requestTimeout = 10_000;
server.listen(PORT, '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`token server listening on http://${address}:${port}`);
});

process.on('SIGTERM', () => server.close());

// agora-token-migrate: AccessToken2 takes seconds from now, not an absolute unix time; 0 (never) becomes 24 h, a past deadline 1 s.
function toTokenExpire(privilegeExpiredTs) {
  if (!Number(privilegeExpiredTs)) return 86400;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}

// agora-token-migrate: privileges keep their v1 deadline as seconds from now; 0 still means never, a past deadline 1 s.
function toPrivilegeExpire(privilegeExpiredTs) {
  if (!Number(privilegeExpiredTs)) return 0;
  return Math.min(Math.max(Math.floor(Number(privilegeExpiredTs)) - Math.floor(Date.now() / 1000), 1), 86400);
}
