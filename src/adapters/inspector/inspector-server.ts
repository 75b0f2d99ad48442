/**
 * `wave inspect`'s HTTP server (node:http, 127.0.0.1 only). Every request must carry the random
 * token of the URL (`?token=`), or it is refused with 403; a Host header other than this server's
 * is refused too (DNS rebinding). Routes: the page (`/`, `/app.js`, `/app.css`), the log over SSE
 * (`/api/events`), the derived state as of an event (`/api/at?seq=N`), a blob of the blob store
 * (`/api/blob/<sha256>`), and the session's metadata (`/api/meta`). Everything sent is masked.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBlobStore } from '../blob-store.js';
import { pageRedactor } from './page-redactor.js';
import type { InspectorSource } from './inspector-source.js';
import { pageCss, pageHtml } from './page.js';
import { clientScript } from './client-bundle.js';
import { streamEvents } from './sse-stream.js';
import { stateReply } from './state-reply.js';

/** A running inspector. */
export interface InspectorServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Options of {@link startInspectorServer}. */
export interface InspectorServerOptions {
  source: InspectorSource;
  /** 0 picks a free port. */
  port?: number;
  /** Fixed token (tests); random otherwise. */
  token?: string;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy':
      "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'",
  });
  res.end(body);
}

const json = (res: ServerResponse, value: unknown, status = 200) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

function tokenOk(given: string | null, token: string): boolean {
  if (given === null || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

/** Starts the server on 127.0.0.1. */
export async function startInspectorServer(
  options: InspectorServerOptions,
): Promise<InspectorServer> {
  const token = options.token ?? randomBytes(18).toString('base64url');
  const { source } = options;
  const meta = async () => ({
    file: source.file,
    session: source.events[0]?.session ?? null,
    semanticId: (() => {
      const first = source.events[0];
      return first?.type === 'session.started' ? first.data.semanticId : null;
    })(),
    charts: source.charts,
    forks: await source.forks(),
    error: source.error ? pageRedactor().text(source.error.message) : null,
  });
  let port = 0;
  /** Masked replies of `/api/at` by seq (a past event's state never changes). */
  const replies = new Map<number, string>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host\n');
    }
    if (!tokenOk(url.searchParams.get('token'), token)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden: missing or wrong token\n');
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'GET only\n');
    const path = url.pathname;
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', pageHtml(token));
    if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', clientScript());
    if (path === '/app.css') return send(res, 200, 'text/css; charset=utf-8', pageCss());
    if (path === '/api/meta') return json(res, await meta());
    if (path === '/api/events') {
      const last = Number(req.headers['last-event-id'] ?? url.searchParams.get('after') ?? 0);
      return streamEvents(req, res, source, Number.isFinite(last) ? last : 0, meta);
    }
    if (path === '/api/at') {
      const seq = Number(url.searchParams.get('seq'));
      if (!Number.isInteger(seq) || seq < 1 || seq > source.events.length) {
        return json(res, { error: `seq must be 1..${source.events.length}` }, 400);
      }
      let body = replies.get(seq);
      if (body === undefined) {
        body = JSON.stringify(pageRedactor().deep(stateReply(source, seq)));
        replies.set(seq, body);
        if (replies.size > 64) replies.delete(replies.keys().next().value as number);
      }
      return send(res, 200, 'application/json; charset=utf-8', body);
    }
    const blob = /^\/api\/blob\/([0-9a-f]{64})$/.exec(path);
    if (blob && source.blobDir) {
      const text = await createBlobStore(source.blobDir).getText(blob[1] as string);
      return send(res, 200, 'text/plain; charset=utf-8', pageRedactor().text(text));
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) json(res, { error: pageRedactor().text(error.message) }, 500);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
