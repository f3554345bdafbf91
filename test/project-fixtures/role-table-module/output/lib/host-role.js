const { RtcRole } = require('agora-token');

module.exports = { HOST_ROLE: RtcRole.PUBLISHER };
