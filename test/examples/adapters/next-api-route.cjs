'use strict';

// Serves one compiled Next.js API route (pages/api/*.ts → CommonJS) over node:http the way
// Next does for `pages/api`: req.query from the URL (repeated keys become arrays), a JSON body,
// and res.status().json(). Test-only; usage: node next-api-route.cjs <route module> <route path>

const http = require('node:http');
const path = require('node:path');

const [modulePath, routePath] = process.argv.slice(2);
if (!modulePath || !routePath) {
  console.error('usage: node next-api-route.cjs <route module> <route path>');
  process.exit(2);
}
const routeModule = require(path.resolve(modulePath));
const handler = routeModule.default ?? routeModule;

function queryOf(url) {
  const query = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
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
  const url = new URL(req.url ?? '/', 'http://localhost');
  res.status = (code) => {
    res.statusCode = code;
    return res;
  };
  res.json = (body) => {
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify(body));
  };
  if (url.pathname !== routePath) {
    res.status(404).json({ error: 'not found' });
    return;
  }
  try {
    const text = await readBody(req);
    req.query = queryOf(url);
    req.body = /json/.test(req.headers['content-type'] ?? '') && text ? JSON.parse(text) : text;
    await handler(req, res);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.status(500).json({ error: 'internal error' });
    else res.end();
  }
});

server.requestTimeout = 10_000;
server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  const { address, port } = server.address();
  console.log(`token server listening on http://${address}:${port}`);
});
process.on('SIGTERM', () => server.close());
