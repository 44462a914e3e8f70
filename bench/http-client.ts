// A keep-alive HTTP client on node:http: lighter than fetch, so the load generator takes as little as possible
// of the CPU it shares with the server under test.
import http from 'node:http';

export interface HttpReply { status: number; body: string }

export class HttpClient {
  private readonly agent: http.Agent;

  constructor(readonly origin: URL, private readonly timeoutMs = 15_000) {
    // Idle sockets are closed after 4 s, before node's server drops them (keepAliveTimeout 5 s): otherwise a
    // request sent on a socket the server is closing at that moment fails with ECONNRESET.
    this.agent = new http.Agent({ keepAlive: true, timeout: 4_000 });
  }

  request(method: 'GET' | 'POST', path: string, body?: string): Promise<HttpReply> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = http.request(
        { host: this.origin.hostname, port: this.origin.port, path, method, headers, agent: this.agent, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
