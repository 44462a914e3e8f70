// The store under test as settings for each server, and a private redis-server on loopback when Redis is chosen.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { freePort } from './servers.js';

export const STORES = ['memory', 'sqlite', 'redis'] as const;
export type StoreKind = (typeof STORES)[number];

export interface StoreSetup {
  kind: StoreKind;
  /** Settings for one server; `name` keeps each server's SQLite file apart. */
  env(name: string): Record<string, string>;
  close(): Promise<void>;
}

const onPath = (bin: string): string | undefined =>
  (process.env.PATH ?? '').split(delimiter).map((d) => join(d, bin)).find((p) => existsSync(p));

/** The store's settings, or a reason it cannot be benchmarked here (no redis-server). */
export async function setupStore(kind: StoreKind, dir: string): Promise<StoreSetup | { skipped: string }> {
  switch (kind) {
    case 'memory':
      return { kind, env: () => ({ STORAGE: 'memory' }), close: async () => {} };
    case 'sqlite':
      return { kind, env: (name) => ({ STORAGE: 'sqlite', SQLITE_PATH: join(dir, `${name}.db`) }), close: async () => {} };
    case 'redis': {
      const bin = onPath('redis-server');
      if (!bin) return { skipped: 'redis-server is not installed (apt-get install redis-server)' };
      const port = await freePort();
      const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${out.slice(-300)}`)), 10_000);
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString('utf8');
          if (out.includes('Ready to accept connections')) { clearTimeout(timer); resolve(); }
        });
        child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`redis-server exited with ${code}: ${out.slice(-300)}`)); });
      });
      child.stdout!.resume();
      return {
        kind,
        env: () => ({ STORAGE: 'redis', REDIS_URL: `redis://127.0.0.1:${port}` }),
        close: async () => {
          if (child.exitCode !== null) return;
          child.kill('SIGTERM');
          await new Promise((r) => child.once('exit', r));
        },
      };
    }
  }
}
