const ROLES = require('./roles');

// the numbers mean something here too: a moderator may kick
function canKick(role) {
  return role === ROLES.moderator;
}

module.exports = { canKick };
