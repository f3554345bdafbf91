// Clock helpers shared by the routes.
function nowSeconds() {
  return Math.floor(Date.now() / 1000);
}

const expiresIn = (seconds) => nowSeconds() + seconds;

module.exports = { nowSeconds, expiresIn };
