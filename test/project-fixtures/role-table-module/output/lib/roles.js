// who may do what in a room
module.exports = {
  moderator: 1,
  speaker: 1,
  listener: 2,
};
