// The part of next's API-route types this example uses, declared here so the example
// type-checks without installing Next.js.
declare module 'next' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface NextApiRequest extends IncomingMessage {
    query: Partial<Record<string, string | string[]>>;
    body: unknown;
  }

  export interface NextApiResponse<Data = unknown> extends ServerResponse {
    status(statusCode: number): NextApiResponse<Data>;
    json(body: Data): void;
  }
}
