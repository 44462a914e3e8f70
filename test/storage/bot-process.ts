// The real bot as its own process (`node --import tsx src/index.ts`) on a free loopback port, so suites
// can kill it (SIGKILL) or run two of them side by side.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// tsx by absolute URL, like test/http/config.test.ts.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface BotProcess {
  url: string;
  /** Every log line so far (JSON). */
  lines: string[];
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src', 'index.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => { void kill('SIGKILL'); reject(new Error(`the bot did not start: ${stderr}`)); }, 30_000);
    const onStartExit = (code: number | null) => { clearTimeout(timer); reject(new Error(`the bot exited ${code}: ${stderr}`)); };
    child.once('exit', onStartExit);
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); lines.push(...d.toString().split('\n').filter(Boolean)); });
    let pending = '';
    child.stdout!.on('data', (d: Buffer) => {
      pending += d.toString();
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const line of complete.filter(Boolean)) {
        lines.push(line);
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg?.includes('listening')) {
          clearTimeout(timer);
          child.off('exit', onStartExit);
          resolve({ url: `http://127.0.0.1:${entry.port}`, lines, kill });
        }
      }
    });
  });
}
