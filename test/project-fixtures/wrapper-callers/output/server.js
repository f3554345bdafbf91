// The package's entry point: it exposes the routes, not the wrapper.
const { hostToken } = require('./routes/host');
const { viewerToken } = require('./routes/viewer');

module.exports = { hostToken, viewerToken };
