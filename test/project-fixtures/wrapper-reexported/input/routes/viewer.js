import { createRtcToken } from '../lib/index.js';

// The deadline comes from the request: an absolute unix time.
export function viewerToken(channelName, uid, deadline) {
  return createRtcToken(channelName, uid, deadline);
}
