// A round-robin load balancer on loopback, as a clinic would put in front of several instances: requests and
// WebSocket upgrades go to the backends in turn, two at a time (so that a post-then-read rhythm still spreads
// both posts and reads over every backend), with no sticky sessions; each is recorded so a suite can show that
// the calls of one conversation really were spread.
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Routed { backend: number; method: string; path: string }

export interface Balancer {
  url: string;
  /** Every call so far: which backend took it. */
  routed: Routed[];
  close(): Promise<void>;
}

export async function startBalancer(backends: string[]): Promise<Balancer> {
  const targets = backends.map((b) => new URL(b));
  const routed: Routed[] = [];
  const sockets = new Set<Duplex>();
  let next = 0;
  const pick = (req: IncomingMessage) => {
    const backend = Math.floor(next++ / 2) % targets.length;
    routed.push({ backend, method: req.method ?? '', path: (req.url ?? '').split('?')[0]! });
    return targets[backend]!;
  };

  const server: Server = createServer((req, res) => {
    const target = pick(req);
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => { if (!res.headersSent) res.writeHead(502); res.end(); });
    req.pipe(upstream);
  });
  // WebSocket upgrades: the raw bytes both ways, the request line and headers written out again.
  server.on('upgrade', (req: IncomingMessage, client: Duplex, head: Buffer) => {
    const target = pick(req);
    const upstream = connect(Number(target.port), target.hostname, () => {
      const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('\r\n');
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => { client.destroy(); upstream.destroy(); });
      s.on('close', () => { sockets.delete(s); client.destroy(); upstream.destroy(); });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
