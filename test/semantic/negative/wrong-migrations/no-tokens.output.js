// Returns no token at all: a fixture like this proves nothing and must not pass.
exports.health = function health() {
  return { ok: true };
};
