module.exports = {
  moderator: 101,
  listener: 2,
};
