'use strict';

// Serves the callable functions exported by a Firebase functions module over node:http with the
// callable protocol: POST /<export> with `{ "data": ... }` → 200 `{ "result": ... }`, or an
// HttpsError's code as the status and `{ "error": { "status", "message" } }`.
// Test-only: the bearer token IS the caller's uid (no ID-token verification).
// Usage: node firebase-callable.cjs <functions module>

const http = require('node:http');
const path = require('node:path');

const modulePath = process.argv[2];
if (!modulePath) {
  console.error('usage: node firebase-callable.cjs <functions module>');
  process.exit(2);
}
const functions = require(path.resolve(modulePath));

// https://firebase.google.com/docs/reference/functions/firebase-functions.https#functionserrorcode
const HTTP_STATUS = {
  'invalid-argument': 400,
  'failed-precondition': 400,
  'out-of-range': 400,
  unauthenticated: 401,
  'permission-denied': 403,
  'not-found': 404,
  'already-exists': 409,
  'resource-exhausted': 429,
  internal: 500,
  unavailable: 503,
};

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendError(res, code, message) {
  send(res, HTTP_STATUS[code] ?? 500, { error: { status: code.toUpperCase().replace(/-/g, '_'), message } });
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const server = http.createServer(async (req, res) => {
  const name = new URL(req.url ?? '/', 'http://localhost').pathname.slice(1);
  const callable = Object.hasOwn(functions, name) ? functions[name] : undefined;
  if (typeof callable !== 'function') return sendError(res, 'not-found', `no function ${name}`);
  if (req.method !== 'POST') return sendError(res, 'invalid-argument', 'callable functions take POST');
  let request;
  try {
    request = JSON.parse(await readBody(req));
  } catch {
    return sendError(res, 'invalid-argument', 'body is not valid JSON');
  }
  if (typeof request !== 'object' || request === null || !('data' in request)) {
    return sendError(res, 'invalid-argument', 'body must be { "data": ... }');
  }
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
  const context = { auth: bearer ? { uid: bearer[1], token: {} } : undefined };
  try {
    send(res, 200, { result: await callable(request.data, context) });
  } catch (error) {
    if (typeof error?.code === 'string' && Object.hasOwn(HTTP_STATUS, error.code)) {
      return sendError(res, error.code, error.message);
    }
    console.error(error);
    sendError(res, 'internal', 'INTERNAL');
  }
});

server.requestTimeout = 10_000;
server.listen(Number(process.env.PORT ?? 5001), '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`token server listening on http://${address}:${port}`);
});
process.on('SIGTERM', () => server.close());
