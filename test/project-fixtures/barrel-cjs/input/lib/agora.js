// One place to swap the token library.
module.exports = require('agora-access-token');
