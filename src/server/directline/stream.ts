// Direct Line 3.0's streamUrl: a WebSocket per open page on which the conversation's activities arrive as
// `{"activities": [...], "watermark": "N"}` frames as soon as the bot sends them, whichever instance sends them
// (the store tells every watcher). Sockets are opened with a short-lived stream token; the client sends nothing
// but keep-alive pings. Bounded per address (the HTTP routes' limit), per conversation and per process.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../log.js';
import { LogUnavailableError, type DirectLineLog } from '../../storage/directline/log.js';
import type { Metrics } from '../metrics.js';
import { clientAddress } from '../rate-limit.js';
import type { RouteLimits } from './index.js';
import type { TokenSigner } from './token.js';

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;
/** A reloaded page may hold its old socket for a moment; more than this is not one person's page. */
export const MAX_SOCKETS_PER_CONVERSATION = 4;
export const MAX_SOCKETS = 10_000;
const HEARTBEAT_MS = 30_000;
/** Where the store hears only this process's appends (SQLite shared by processes), sockets also look this often. */
const LOOK_AGAIN_MS = 1_000;
/** Elsewhere they look this often only to notice that the conversation expired, and close (the page then starts anew). */
const CHECK_EXPIRY_MS = 30_000;

export const streamUrl = (origin: string, conversationId: string, streamToken: string, watermark?: string): string => {
  const url = new URL(`${origin.replace(/^http/, 'ws')}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream`);
  url.searchParams.set('t', streamToken);
  if (watermark) url.searchParams.set('watermark', watermark);
  return url.toString();
};

export interface StreamDeps {
  log: DirectLineLog;
  signer: TokenSigner;
  logger: Logger;
  limits: RouteLimits;
  /** Counts the store's 503s (GET /metrics). */
  metrics?: Metrics;
}

export class StreamServer {
  /** Loaded at the first socket: ws costs about 0.15 s of start-up that a server without pages open need not pay. */
  private wss: Promise<WebSocketServer> | undefined;
  private readonly open = new Map<string, Set<WebSocket>>();
  private readonly alive = new WeakSet<WebSocket>();
  private readonly heartbeat: NodeJS.Timeout;
  private count = 0;

  constructor(private readonly deps: StreamDeps) {
    // A page that vanished without closing (a phone losing signal) is noticed and its socket freed.
    this.heartbeat = setInterval(() => {
      for (const sockets of this.open.values()) {
        for (const ws of sockets) {
          if (!this.alive.delete(ws)) ws.terminate();
          else ws.ping();
        }
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private server(): Promise<WebSocketServer> {
    this.wss ??= import('ws').then(({ WebSocketServer }) => new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false }));
    return this.wss;
  }

  attach(server: Server): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      socket.on('error', () => socket.destroy());
      this.upgrade(req, socket, head).catch((err: unknown) => {
        if (err instanceof LogUnavailableError) this.deps.metrics?.storeError('directline');
        else this.deps.logger.error('direct line stream failed to open', { err: err as Error });
        refuse(socket, 503, 'the chat is unavailable for a moment: please try again');
      });
    });
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const sockets of this.open.values()) for (const ws of sockets) ws.terminate();
    void this.wss?.then((wss) => wss.close());
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '', 'http://localhost');
    const path = STREAM_PATH.exec(url.pathname);
    if (!path) return refuse(socket, 404, 'not found');
    const { perAddress, trustProxy } = this.deps.limits;
    if (perAddress.take(clientAddress(req as Parameters<typeof clientAddress>[0], trustProxy)) > 0) {
      perAddress.refused();
      return refuse(socket, 429, 'too many requests: please wait a moment and try again');
    }
    const token = url.searchParams.get('t');
    if (!token) return refuse(socket, 401, 'a stream token is required');
    const check = this.deps.signer.verify(token, 'stream');
    const id = decodeURIComponent(path[1]!);
    if (!check.ok || check.claims.conv !== id) return refuse(socket, 403, 'invalid token');
    if ((this.open.get(id)?.size ?? 0) >= MAX_SOCKETS_PER_CONVERSATION) return refuse(socket, 429, 'too many connections');
    if (this.count >= MAX_SOCKETS) return refuse(socket, 503, 'too many connections: try again later');
    if (!await this.deps.log.get(id)) return refuse(socket, 404, 'conversation not found (it may have expired)');
    const wss = await this.server();
    wss.handleUpgrade(req, socket, head, (ws) => {
      this.alive.add(ws);
      ws.on('pong', () => this.alive.add(ws));
      void this.serve(ws, id, url.searchParams.get('watermark') ?? undefined);
    });
  }

  /** Sends what is after `watermark`, then each new activity as it is kept, until the socket closes. */
  private async serve(ws: WebSocket, id: string, watermark: string | undefined): Promise<void> {
    const sockets = this.open.get(id) ?? new Set<WebSocket>();
    this.open.set(id, sockets);
    sockets.add(ws);
    this.count += 1;
    let mark = watermark;
    let reading = false;
    let again = false;
    // One read at a time per socket, and a read asked for during one runs after it: nothing twice, nothing lost.
    const push = async (): Promise<void> => {
      if (reading) { again = true; return; }
      reading = true;
      try {
        do {
          again = false;
          const page = await this.deps.log.since(id, mark);
          if (!page) { ws.close(1000, 'conversation ended'); return; }
          if (page.activities.length > 0 && ws.readyState === ws.OPEN) ws.send(JSON.stringify(page));
          mark = page.watermark;
        } while (again && ws.readyState === ws.OPEN);
      } catch {
        // The store is away: the next append or look again reads from the same watermark.
      } finally {
        reading = false;
      }
    };
    let stop = () => {};
    const look = setInterval(() => void push(), this.deps.log.watchesEveryInstance ? CHECK_EXPIRY_MS : LOOK_AGAIN_MS);
    ws.on('message', () => { /* keep-alive pings from the client: nothing to do */ });
    ws.once('close', () => {
      stop();
      clearInterval(look);
      sockets.delete(ws);
      if (sockets.size === 0) this.open.delete(id);
      this.count -= 1;
    });
    try {
      stop = await this.deps.log.watch(id, () => void push());
      if (ws.readyState !== ws.OPEN) stop();
    } catch {
      // Not listening (the store is away): looking again or the client's reconnection covers it.
    }
    await push();
  }
}

/** With DIRECT_LINE_WEBSOCKET=false: every upgrade is answered 404 (left alone, it would hang). */
export function refuseStreams(server: Server): void {
  server.on('upgrade', (_req: IncomingMessage, socket: Duplex) => refuse(socket, 404, 'not found'));
}

/** Answers an upgrade request with a plain HTTP error (the WebSocket is never opened) and closes the socket. */
function refuse(socket: Duplex, status: number, error: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error });
  const reason = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 503: 'Service Unavailable' }[status] ?? 'Error';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
