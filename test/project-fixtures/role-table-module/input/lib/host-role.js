const { RtcRole } = require('agora-access-token');

module.exports = { HOST_ROLE: RtcRole.ADMIN };
