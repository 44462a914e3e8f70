// A real redis-server (Debian package, installed by scripts/test.sh) on a free loopback port, started and
// stopped by whoever needs one (the storage and Direct Line suites, the bench on --store redis). Persistence is off
// unless the caller asks for an append-only file in `dir`.
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports.js';

export interface RedisProcess {
  port: number;
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port (and the same dir, so an append-only file is read back). */
  restart(): Promise<void>;
}

function launch(port: number, dir: string | undefined): Promise<ChildProcess> {
  const persistence = dir ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always'] : ['--appendonly', 'no'];
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const fail = (why: string) => { clearTimeout(timer); child.stdout!.off('data', onData); reject(new Error(why)); };
    const onExit = (code: number | null) => fail(`redis-server exited ${code}: ${out}`);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.off('data', onData);
      child.stdout!.resume(); // keep draining its output so it never blocks on a full pipe
      resolve(child);
    };
    const timer = setTimeout(() => { child.kill('SIGKILL'); fail(`redis-server did not start: ${out}`); }, 10_000);
    child.once('error', (err) => fail(`cannot run redis-server (npm test installs it): ${err.message}`));
    child.once('exit', onExit);
    child.stdout!.on('data', onData);
    child.stderr!.resume();
  });
}

function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function startRedis(options: { dir?: string } = {}): Promise<RedisProcess> {
  const port = await freePort();
  let child = await launch(port, options.dir);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop: () => terminate(child),
    restart: async () => { await terminate(child); child = await launch(port, options.dir); },
  };
}
