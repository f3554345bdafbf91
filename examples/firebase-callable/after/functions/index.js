'use strict';

// Callable functions (wrap each in functions.https.onCall when deploying):
//   getRtcToken({ channelName, isHost, expirationTimeInSeconds? })  -> { token, account }
//   getRtmToken({ expirationTimeInSeconds? })                       -> { token }
// The signed-in user's Firebase uid is the Agora user account.

const { RtcTokenBuilder, RtcRole, RtmTokenBuilder } = require('agora-token');
const { HttpsError } = require('./errors');

const APP_ID = process.env.APP_ID;
const APP_CERTIFICATE = process.env.APP_CERTIFICATE;

const CHANNEL_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,63}$/;
// Firebase uids are 1-128 characters; Agora RTM user ids allow at most 64.
const USER_ID = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,64}$/;

function requireUser(context) {
  if (!context.auth) {
    throw new HttpsError('unauthenticated', 'sign in to get a token');
  }
  if (!USER_ID.test(context.auth.uid)) {
    throw new HttpsError('invalid-argument', 'the user id is not a valid Agora user account');
  }
  return context.auth.uid;
}

function requireData(data) {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new HttpsError('invalid-argument', 'data must be an object');
  }
  return data;
}

function expirySeconds(data) {
  const seconds = data.expirationTimeInSeconds;
  if (seconds !== undefined && (!Number.isInteger(seconds) || seconds < 1 || seconds > 86400)) {
    throw new HttpsError('invalid-argument', 'expirationTimeInSeconds must be a whole number from 1 to 86400');
  }
  return seconds || 3600;
}

exports.getRtcToken = (data, context) => {
  const account = requireUser(context);
  requireData(data);
  if (typeof data.channelName !== 'string' || !CHANNEL_NAME.test(data.channelName)) {
    throw new HttpsError('invalid-argument', "channelName must be 1-63 characters from Agora's allowed set");
  }
  if (typeof data.isHost !== 'boolean') {
    throw new HttpsError('invalid-argument', 'isHost must be true or false');
  }
  const role = data.isHost ? RtcRole.PUBLISHER : RtcRole.SUBSCRIBER;
  const expirationTimeInSeconds = expirySeconds(data);

  const currentTimestamp = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = currentTimestamp + expirationTimeInSeconds;

  const token = RtcTokenBuilder.buildTokenWithUserAccount(APP_ID, APP_CERTIFICATE, data.channelName, account, role, toTokenExpire(privilegeExpiredTs), toPrivilegeExpire(privilegeExpiredTs));
  return { token, account };
};

exports.getRtmToken = (data, context) => {
  const userId = requireUser(context);
  const expirationTimeInSeconds = expirySeconds(requireData(data));

  const currentTimestamp = Math.floor(Date.now() / 1000);
  const privilegeExpiredTs = currentTimestamp + expirationTimeInSeconds;

  const token = RtmTokenBuilder.buildToken(APP_ID, APP_CERTIFICATE, userId, toTokenExpire(privilegeExpiredTs));
  return { token };
};

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
