import agora from 'agora-access-token';
import * as config from './config/index.js';
import defaults, { VIEWER_TTL } from './config/index.js';

const { RtcTokenBuilder, RtcRole } = agora;

export function viewerToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channel, uid, RtcRole.SUBSCRIBER, Math.floor(Date.now() / 1000) + VIEWER_TTL);
}

export function hostToken(channel, uid) {
  const currentTime = Math.floor(Date.now() / 1000);
  const expiresAt = currentTime + config.DEFAULT_TTL;
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channel, uid, RtcRole.PUBLISHER, expiresAt);
}

export function chatToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channel, uid, RtcRole.PUBLISHER, Math.floor(Date.now() / 1000) + defaults.chat.ttl);
}
