'use strict';

// Token server for the app's "fetch token" call:
//   POST /fetch_rtc_token  { "uid": 1234, "ChannelName": "demo", "role": 1 }  ->  { "token": "..." }
// role is the numeric RtcRole the client sends: 0 attendee, 1 publisher, 2 subscriber, 101 admin.

const express = require('express');
const { RtcTokenBuilder, RtcRole } = require('agora-token');

const appID = process.env.APP_ID;
const appCertificate = process.env.APP_CERTIFICATE;
const port = Number(process.env.PORT ?? 8082);

// Tokens are valid for one hour.
const expirationTimeInSeconds = 3600;
const MAX_UID = 4294967295;
const CHANNEL_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,63}$/;

if (!appID || !appCertificate) {
  console.error('Set APP_ID and APP_CERTIFICATE in the environment.');
  process.exit(1);
}

const app = express();
app.use(express.json({ limit: '4kb' }));

app.post('/fetch_rtc_token', (req, res) => {
  const { uid, ChannelName: channelName, role } = req.body ?? {};

  if (typeof channelName !== 'string' || !CHANNEL_NAME.test(channelName)) {
    return res.status(400).json({ error: 'ChannelName must be 1-63 characters from Agora\'s allowed set' });
  }
  if (!Number.isInteger(uid) || uid < 0 || uid > MAX_UID) {
    return res.status(400).json({ error: `uid must be an integer from 0 to ${MAX_UID}` });
  }

  let rtcRole;
  switch (role) {
    case 0:
      rtcRole = RtcRole.PUBLISHER;
      break;
    case 1:
      rtcRole = RtcRole.PUBLISHER;
      break;
    case 2:
      rtcRole = RtcRole.SUBSCRIBER;
      break;
    case 101:
      rtcRole = RtcRole.PUBLISHER;
      break;
    default:
      return res.status(400).json({ error: 'role must be 0, 1, 2 or 101' });
  }

  const token = RtcTokenBuilder.buildTokenWithUid(appID, appCertificate, channelName, uid, rtcRole, expirationTimeInSeconds, expirationTimeInSeconds);
  return res.json({ uid, token });
});

app.use((req, res) => {
  res.status(404).json({ error: `no route for ${req.method} ${req.path}` });
});

// Malformed JSON bodies arrive here with err.status 400 from express.json().
app.use((err, req, res, next) => {
  const status = err.status >= 400 && err.status < 500 ? err.status : 500;
  if (status === 500) console.error(err);
  res.status(status).json({ error: status === 500 ? 'internal error' : err.message });
});

const server = app.listen(port, '127.0.0.1', () => {
  const { address, port: boundPort } = server.address();
  console.log(`token server listening on http://${address}:${boundPort}`);
});

process.on('SIGTERM', () => server.close());
