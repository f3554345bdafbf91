'use strict';

// Agora token server in the community shape:
//   GET /rtc/:channel/:role/:tokentype/:uid   RTC token (tokentype "uid" or "userAccount")
//   GET /rtm/:uid                             RTM token
//   GET /rte/:channel/:role/:tokentype/:uid   RTC + RTM tokens
// Optional query string: ?expiry=<seconds> (default 3600, at most 86400).

const express = require('express');
const { RtcTokenBuilder, RtmTokenBuilder, RtcRole } = require('agora-token');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;
const PORT = Number(process.env.PORT ?? 8080);
const HOST = process.env.HOST ?? '127.0.0.1';

const DEFAULT_EXPIRY_SECONDS = 3600;
const MAX_EXPIRY_SECONDS = 86400;
const MAX_UID = 4294967295;
// Characters Agora allows in channel names and user accounts.
const AGORA_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]+$/;

if (!APP_ID || !APP_CERTIFICATE) {
  console.error('Set APP_ID and APP_CERTIFICATE in the environment.');
  process.exit(1);
}

class BadRequestError extends Error {}

function parseChannel(value) {
  // Agora limits channel names to 63 bytes; every allowed character is one byte.
  if (value.length === 0 || value.length > 63 || !AGORA_NAME.test(value)) {
    throw new BadRequestError('channel must be 1-63 characters from Agora\'s allowed set');
  }
  return value;
}

function parseRole(value) {
  if (value === 'publisher') return RtcRole.PUBLISHER;
  if (value === 'audience' || value === 'subscriber') return RtcRole.SUBSCRIBER;
  throw new BadRequestError('role must be "publisher" or "audience"');
}

function parseUid(value) {
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_UID) {
    throw new BadRequestError(`uid must be an integer from 0 to ${MAX_UID}`);
  }
  return Number(value);
}

function parseAccount(value, maxLength) {
  if (value.length === 0 || value.length > maxLength || !AGORA_NAME.test(value)) {
    throw new BadRequestError(`user account must be 1-${maxLength} characters from Agora's allowed set`);
  }
  return value;
}

function parseExpiry(query) {
  const expiry = query.expiry;
  if (expiry === undefined || expiry === '') return DEFAULT_EXPIRY_SECONDS;
  if (typeof expiry !== 'string' || !/^\d{1,6}$/.test(expiry)) {
    throw new BadRequestError('expiry must be a whole number of seconds');
  }
  const seconds = Number(expiry);
  if (seconds < 1 || seconds > MAX_EXPIRY_SECONDS) {
    throw new BadRequestError(`expiry must be between 1 and ${MAX_EXPIRY_SECONDS} seconds`);
  }
  return seconds;
}

function noStore(req, res, next) {
  res.set('Cache-Control', 'private, no-cache, no-store, must-revalidate');
  res.set('Access-Control-Allow-Origin', '*');
  next();
}

const app = express();
app.disable('x-powered-by');

app.get('/ping', noStore, (req, res) => {
  res.json({ message: 'pong' });
});

app.get('/rtc/:channel/:role/:tokentype/:uid', noStore, (req, res) => {
  const channelName = parseChannel(req.params.channel);
  const role = parseRole(req.params.role);
  const expireTime = parseExpiry(req.query);

  const currentTime = Math.floor(Date.now() / 1000);
  const privilegeExpireTime = currentTime + expireTime;

  let rtcToken;
  if (req.params.tokentype === 'uid') {
    const uid = parseUid(req.params.uid);
    rtcToken = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, role, toTokenExpire(privilegeExpireTime), toPrivilegeExpire(privilegeExpireTime));
  } else if (req.params.tokentype === 'userAccount') {
    const account = parseAccount(req.params.uid, 255);
    rtcToken = RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERTIFICATE, channelName, account, role, toTokenExpire(privilegeExpireTime), toPrivilegeExpire(privilegeExpireTime));
  } else {
    throw new BadRequestError('tokentype must be "uid" or "userAccount"');
  }
  res.json({ rtcToken, expiresAt: privilegeExpireTime });
});

app.get('/rtm/:uid', noStore, (req, res) => {
  const userId = parseAccount(req.params.uid, 64);
  const expireTime = parseExpiry(req.query);

  const currentTime = Math.floor(Date.now() / 1000);
  const privilegeExpireTime = currentTime + expireTime;

  const rtmToken = RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, userId, toTokenExpire(privilegeExpireTime));
  res.json({ rtmToken });
});

app.get('/rte/:channel/:role/:tokentype/:uid', noStore, (req, res) => {
  const channelName = parseChannel(req.params.channel);
  const role = parseRole(req.params.role);
  const expireTime = parseExpiry(req.query);

  const currentTime = Math.floor(Date.now() / 1000);
  const privilegeExpireTime = currentTime + expireTime;

  let rtcToken;
  if (req.params.tokentype === 'uid') {
    const uid = parseUid(req.params.uid);
    rtcToken = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channelName, uid, role, toTokenExpire(privilegeExpireTime), toPrivilegeExpire(privilegeExpireTime));
  } else if (req.params.tokentype === 'userAccount') {
    const account = parseAccount(req.params.uid, 255);
    rtcToken = RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERTIFICATE, channelName, account, role, toTokenExpire(privilegeExpireTime), toPrivilegeExpire(privilegeExpireTime));
  } else {
    throw new BadRequestError('tokentype must be "uid" or "userAccount"');
  }
  // RTM user ids are strings of at most 64 characters.
  const rtmUserId = parseAccount(req.params.uid, 64);
  const rtmToken = RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, rtmUserId, toTokenExpire(privilegeExpireTime));
  res.json({ rtcToken, rtmToken });
});

app.use((req, res) => {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
});

// Express 5 forwards errors thrown in handlers here, including its own 400s (bad URL encoding).
app.use((err, req, res, next) => {
  if (err instanceof BadRequestError) {
    res.status(400).json({ error: err.message });
  } else if (err.status >= 400 && err.status < 500) {
    res.status(err.status).json({ error: err.expose ? err.message : 'bad request' });
  } else {
    console.error(err);
    res.status(500).json({ error: 'internal error' });
  }
});

const server = app.listen(PORT, HOST, () => {
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
