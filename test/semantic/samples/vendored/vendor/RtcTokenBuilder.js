// Stands in for a vendored copy of the v1 sources (same module shape: { RtcTokenBuilder, Role }).
module.exports = require('agora-access-token/src/RtcTokenBuilder');
