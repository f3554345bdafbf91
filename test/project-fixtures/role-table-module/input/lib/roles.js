// who may do what in a room
module.exports = {
  moderator: 101,
  speaker: 1,
  listener: 2,
};
