import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isApiMethod } from '../shared/api-contract';
import type { ApiResult } from '../shared/api-types';
import { callApi } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { SECURITY_HEADERS } from './content-security-policy';
import { readRendererFile } from './renderer-files';
import { INBOX_EVENTS_PATH } from '../shared/inbox-events';
import type { EventTickets } from './event-tickets';
import type { InboxEvents } from './inbox-events';

/** Open event streams at once (a tab each); more are refused rather than held. */
const MAX_EVENT_STREAMS = 16;
const HEARTBEAT_MS = 20_000;

/** Imports arrive base64-encoded in JSON: 300 MB of request is about 220 MB of files. */
export const MAX_REQUEST_BYTES = 300 * 1024 * 1024;

export interface BrowserHostOptions {
  readonly handlers: ApiHandlers;
  /** The built renderer (out/renderer). */
  readonly rendererDir: string;
  /** 0 (default): a free port chosen by the OS. */
  readonly port?: number;
  /** Tests may pin it; by default 32 random bytes, new on every launch. */
  readonly token?: string;
  readonly maxRequestBytes?: number;
  /** Issue 11: "the inbox changed" as server-sent events on /events/inbox, opened with a ticket from the API (openInboxEvents). */
  readonly events?: { readonly changes: InboxEvents; readonly tickets: EventTickets };
}

export interface BrowserHost {
  readonly port: number;
  readonly token: string;
  /** http://127.0.0.1:<port>/ */
  readonly baseUrl: string;
  /** The URL to open: the base URL with `#token=…` (a fragment never reaches a server log or a Referer). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the renderer and the API over HTTP, on 127.0.0.1 only. Every /api call needs
 * this launch's token as a Bearer (compared in constant time); the Host header must name the
 * loopback address and our port (a DNS-rebinding page has its own host name there), and an
 * Origin header, when sent, must be ours. Errors are JSON values like the API's own.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const tokenDigest = sha256(`Bearer ${token}`);
  const limit = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  let port = 0;
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(`countersign: request failed: ${String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { ok: false, code: 'internal', message: 'internal error' });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      return sendJson(res, 403, forbidden(`refused: Host '${req.headers.host ?? ''}' is not this app (expected 127.0.0.1:${port})`));
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
      return sendJson(res, 403, forbidden(`refused: Origin '${origin}' is not this app`));
    }
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/api/')) return handleApi(req, res, path.slice('/api/'.length));
    if (path === INBOX_EVENTS_PATH) return handleEvents(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { ok: false, code: 'bad-request', message: `${req.method} is not allowed here` });
    const file = await readRendererFile(options.rendererDir, path);
    if (!file && path === '/favicon.ico') {
      // Browsers ask for it on their own; "no icon" is not an error worth a console line.
      res.writeHead(204, SECURITY_HEADERS);
      return void res.end();
    }
    if (!file) return sendText(res, 404, 'not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.contentType, 'content-length': file.body.length, 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    // The token comes first: without it, nothing about the API (not even which methods exist) is answered.
    if (!timingSafeEqual(sha256(req.headers.authorization ?? ''), tokenDigest)) {
      req.resume();
      return sendJson(res, 401, forbidden('refused: missing or wrong access token (open the URL the host printed, with its #token=…)'));
    }
    if (req.method !== 'POST') return sendJson(res, 405, { ok: false, code: 'bad-request', message: 'API calls are POST requests' });
    if (!isApiMethod(name)) {
      req.resume();
      return sendJson(res, 404, { ok: false, code: 'not-found', message: `no API method '${name}'` });
    }
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      req.resume();
      return sendJson(res, 415, { ok: false, code: 'bad-request', message: 'API calls send JSON (content-type: application/json)' });
    }
    const body = await readBody(req, limit);
    if (body === null) {
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { ok: false, code: 'bad-request', message: `${name}: the request is over the ${Math.round(limit / 1024 / 1024)} MB limit (import large change sets from the watched inbox folder instead)` });
    }
    let input: unknown;
    try {
      input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return sendJson(res, 400, { ok: false, code: 'bad-request', message: `${name}: the request body is not JSON` });
    }
    sendJson(res, 200, await callApi(options.handlers, name, input));
  }

  /**
   * Server-sent events: EventSource cannot send the Bearer token, so the stream opens with a
   * single-use ticket (issued through the token-checked API, valid 30 s) in the query. The
   * stream carries only which kind of change happened; the screen rereads through the API.
   */
  let streams = 0;
  function handleEvents(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    if (req.method !== 'GET') return sendJson(res, 405, { ok: false, code: 'bad-request', message: 'the event stream is a GET request' });
    const ticket = new URLSearchParams((req.url ?? '').split('?')[1] ?? '').get('ticket') ?? '';
    if (!options.events || !options.events.tickets.redeem(ticket)) {
      return sendJson(res, 401, forbidden('refused: missing, used or expired event ticket (ask openInboxEvents for a new one)'));
    }
    if (streams >= MAX_EVENT_STREAMS) return sendJson(res, 503, { ok: false, code: 'unsupported', message: 'too many open event streams' });
    streams++;
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 2000\n\nevent: ready\ndata: {}\n\n');
    const unsubscribe = options.events.changes.subscribe((change) => res.write(`event: inbox\ndata: ${JSON.stringify({ change })}\n\n`));
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    res.on('close', () => {
      streams--;
      clearInterval(heartbeat);
      unsubscribe();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}/`;
  return {
    port,
    token,
    baseUrl,
    url: `${baseUrl}#token=${token}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function forbidden(message: string): ApiResult<never> {
  return { ok: false, code: 'forbidden', message };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** The body, or null when it is over `limit` (reading stops there). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
