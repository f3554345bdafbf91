// Start-up: nothing here mentions Agora, yet it changes what the token module reads.
const config = require('./config');
const limits = require('./limits');

config.tokenTtl = Number(process.env.TOKEN_TTL || 7200);
limits.TUNABLE += 60;

module.exports = { config };
