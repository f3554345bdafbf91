// Lifetimes shared by every route, in seconds.
const HOUR = 3600;

module.exports = {
  TOKEN_TTL: HOUR,
  LONG_TTL: 4 * HOUR,
};
