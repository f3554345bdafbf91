import { createRtcToken } from '../lib/agora.js';

export function hostToken(channelName, uid) {
  return createRtcToken(channelName, uid, Math.floor(Date.now() / 1000) + 3600);
}
