// Server processes under test: started with plain node on the built dist/, timed from spawn to the first
// answered /healthz, measured (RSS) from /proc, and stopped with SIGTERM like any deployment would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../scripts/lib/ports.js';
import { HttpClient } from './http-client.js';
import type { ProbeCommand, ProbeReply } from './probe.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
export const BOT_ENTRY = join(ROOT, 'dist/src/index.js');
export const ECHO_ENTRY = join(ROOT, 'dist/bench/echo-bot.js');
const PROBE = join(ROOT, 'dist/bench/probe.js');

/** Settings every server under load gets: all the load comes from one address, above the per-address limit. */
export const LOAD_SETTINGS = { RATE_LIMIT_PER_ADDRESS: '1000000', LOG_LEVEL: 'warn' };

export interface ServerProcess {
  name: string;
  pid: number;
  client: HttpClient;
  /** From spawn to the first 200 on /healthz. */
  readyMs: number;
  /** Resident set size now, in bytes (null where /proc is not available). */
  rss(): number | null;
  /** Asks the probe inside the server (servers started with `probe`). */
  probe(command: ProbeCommand): Promise<ProbeReply>;
  stop(): Promise<void>;
}

export function rssOf(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));

export interface StartOptions {
  /** Settings as environment variables (STORAGE, SQLITE_PATH, CONVERSATION_TTL, ...). */
  env: Record<string, string>;
  /** Loads bench/probe.ts into the server, with --expose-gc, so that `probe()` works. */
  probe?: boolean;
  timeoutMs?: number;
}

export async function startServer(name: string, entry: string, opts: StartOptions): Promise<ServerProcess> {
  // Both are built by `npm run build:bench` (which `npm run bench` and `npm run soak` run first); `npm run build`
  // alone builds the bot, not the bench's echo bot or probe.
  for (const file of [entry, ...(opts.probe ? [PROBE] : [])]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build it first (npm run build:bench)`);
  }
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, ...LOAD_SETTINGS, ...opts.env, PORT: String(port), HOST: '127.0.0.1',
  };
  const nodeArgs = opts.probe ? ['--expose-gc', '--import', PROBE] : [];
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, entry], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  child.channel?.unref();
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { if (stderr.length < 4000) stderr += d.toString('utf8'); });
  const client = new HttpClient(new URL(`http://127.0.0.1:${port}`), 2_000);

  const deadline = started + (opts.timeoutMs ?? 20_000);
  let readyMs: number | undefined;
  while (readyMs === undefined) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr.trim().split('\n')[0] ?? ''}`);
    if (performance.now() > deadline) { child.kill('SIGKILL'); throw new Error(`${name} not ready in time: ${stderr.trim()}`); }
    try {
      const res = await client.request('GET', '/healthz');
      if (res.status === 200) readyMs = performance.now() - started;
    } catch {
      await sleep(2); // not listening yet
    }
  }
  client.close();

  return {
    name,
    pid: child.pid!,
    client: new HttpClient(new URL(`http://127.0.0.1:${port}`)),
    readyMs,
    rss: () => rssOf(child.pid!),
    probe: (command) => new Promise((resolve, reject) => {
      if (!opts.probe) { reject(new Error(`${name} was started without the probe`)); return; }
      child.once('message', (reply) => resolve(reply as ProbeReply));
      child.send(command);
    }),
    stop: async () => {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited(child);
      clearTimeout(killed);
    },
  };
}
