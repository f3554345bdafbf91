import agora from 'agora-token';
import * as config from './config/index.js';
import defaults, { VIEWER_TTL } from './config/index.js';

const { RtcTokenBuilder, RtcRole } = agora;

export function viewerToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channel, uid, RtcRole.SUBSCRIBER, VIEWER_TTL, VIEWER_TTL);
}

export function hostToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channel, uid, RtcRole.PUBLISHER, config.DEFAULT_TTL, config.DEFAULT_TTL);
}

export function chatToken(channel, uid) {
  return RtcTokenBuilder.buildTokenWithUid(process.env.APP_ID, process.env.APP_CERTIFICATE, channel, uid, RtcRole.PUBLISHER, defaults.chat.ttl, defaults.chat.ttl);
}
