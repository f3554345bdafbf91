import type { NextApiRequest, NextApiResponse } from 'next';
import { RtcTokenBuilder, RtcRole } from 'agora-token';

// GET /api/rtc-token?channel=<name>&uid=<0..2^32-1>&role=publisher|subscriber&ttl=<seconds>

type TokenResponse = { token: string; channel: string; uid: number; expiresIn: number } | { error: string };

const APP_ID = process.env.APP_ID ?? '';
const APP_CERTIFICATE = process.env.APP_CERTIFICATE ?? '';

const DEFAULT_TTL_SECONDS = 3600;
const MAX_TTL_SECONDS = 86400;
const MAX_UID = 4294967295;
const CHANNEL_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,63}$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

export default function handler(req: NextApiRequest, res: NextApiResponse<TokenResponse>) {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return res.status(405).json({ error: 'use GET' });
  }
  if (!APP_ID || !APP_CERTIFICATE) {
    return res.status(500).json({ error: 'token service is not configured' });
  }

  const channel = single(req.query.channel);
  if (channel === undefined || !CHANNEL_NAME.test(channel)) {
    return res.status(400).json({ error: "channel must be 1-63 characters from Agora's allowed set" });
  }

  const uidText = single(req.query.uid) ?? '0';
  if (!/^\d{1,10}$/.test(uidText) || Number(uidText) > MAX_UID) {
    return res.status(400).json({ error: `uid must be an integer from 0 to ${MAX_UID}` });
  }
  const uid = Number(uidText);

  const roleName = single(req.query.role) ?? 'subscriber';
  if (roleName !== 'publisher' && roleName !== 'subscriber') {
    return res.status(400).json({ error: 'role must be "publisher" or "subscriber"' });
  }
  const role = roleName === 'publisher' ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER;

  const ttlText = single(req.query.ttl);
  const ttl = ttlText === undefined ? DEFAULT_TTL_SECONDS : Number(ttlText);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
    return res.status(400).json({ error: `ttl must be a whole number of seconds from 1 to ${MAX_TTL_SECONDS}` });
  }

  const now = Math.round(Date.now() / 1000);
  const privilegeExpireTs = now + ttl;
  const token = RtcTokenBuilder.buildTokenWithUid(APP_ID, APP_CERTIFICATE, channel, uid, role, toTokenExpire(privilegeExpireTs), toPrivilegeExpire(privilegeExpireTs));

  res.setHeader('Cache-Control', 'no-store');
  return res.status(200).json({ token, channel, uid, expiresIn: ttl });
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
