// Defaults, overridden at start-up by app.js.
module.exports = {
  tokenTtl: 3600,
};
