import http from 'node:http';
import { BadRequestException, HttpException } from './http-exception';
import { TokenController } from './token.controller';
import { AgoraConfig, TokenService } from './token.service';

const MAX_BODY_BYTES = 4096;

function loadConfig(env: NodeJS.ProcessEnv): AgoraConfig {
  const ttl = Number(env.TOKEN_TTL_SECONDS ?? 3600);
  if (!env.APP_ID || !env.APP_CERTIFICATE) throw new Error('Set APP_ID and APP_CERTIFICATE in the environment.');
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 86400) throw new Error('TOKEN_TTL_SECONDS must be 1-86400.');
  return { appId: env.APP_ID, appCertificate: env.APP_CERTIFICATE, tokenTtlSeconds: ttl };
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpException(413, 'body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new BadRequestException('body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function bootstrap(): void {
  const controller = new TokenController(new TokenService(loadConfig(process.env)));

  const server = http.createServer(async (req, res) => {
    let status: number;
    let body: unknown;
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      ({ status, body } = controller.handle(req.method ?? 'GET', path, await readJson(req)));
    } catch (error) {
      if (error instanceof HttpException) {
        status = error.statusCode;
        body = error.toResponse();
      } else {
        console.error(error);
        status = 500;
        body = { statusCode: 500, message: 'Internal server error' };
      }
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  });

  server.requestTimeout = 10_000;
  server.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
    const address = server.address() as { address: string; port: number };
    console.log(`token server listening on http://${address.address}:${address.port}`);
  });
  process.on('SIGTERM', () => server.close());
}

bootstrap();
