exports.FROM_ENV = Number(process.env.TOKEN_TTL || 600);
exports.TUNABLE = 900;
