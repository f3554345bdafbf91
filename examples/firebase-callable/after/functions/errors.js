'use strict';

// Same contract as firebase-functions' https.HttpsError: the callable protocol turns `code`
// into the HTTP status and `{ error: { status, message } }` body the client SDK expects.
class HttpsError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

module.exports = { HttpsError };
