export * from './ttl.js';
export { HOUR as DEFAULT_TTL } from './ttl.js';

export default {
  chat: { ttl: 2 * 3600 },
};
