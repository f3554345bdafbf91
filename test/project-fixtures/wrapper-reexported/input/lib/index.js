// The routes' barrel: viewer.js reaches the wrapper through it, not through lib/agora.js.
export { createRtcToken } from './agora.js';
