exports.TOKEN_TTL = 3600;
