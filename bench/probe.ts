// Preloaded into a server under test (node --import dist/bench/probe.js) so the bench can look inside it over
// the IPC channel: start and stop V8's CPU profiler (so a profile holds a load case alone, not start-up), and
// run a full garbage collection before reading memory (node --expose-gc), so RSS figures do not depend on when
// V8 last chose to collect.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

export type ProbeCommand = { cmd: 'profile-start' } | { cmd: 'profile-stop'; file: string } | { cmd: 'memory'; gc: boolean };
export type ProbeReply = { ok: true; rss?: number; heapUsed?: number } | { ok: false; error: string };

const gc = (globalThis as { gc?: () => void }).gc;
let session: Session | undefined;

function post(method: string): Promise<unknown> {
  return new Promise((resolve, reject) => session!.post(method, (err, result) => (err ? reject(err) : resolve(result))));
}

async function handle(c: ProbeCommand): Promise<ProbeReply> {
  switch (c.cmd) {
    case 'profile-start':
      session = new Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.start');
      return { ok: true };
    case 'profile-stop': {
      if (!session) return { ok: false, error: 'profiler not started' };
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(c.file, JSON.stringify(profile));
      session.disconnect();
      session = undefined;
      return { ok: true };
    }
    case 'memory':
      if (c.gc) {
        if (!gc) return { ok: false, error: 'start node with --expose-gc' };
        gc();
      }
      return { ok: true, rss: process.memoryUsage.rss(), heapUsed: process.memoryUsage().heapUsed };
  }
}

if (process.send) {
  process.on('message', (c: ProbeCommand) => {
    handle(c).then((r) => process.send!(r), (err: unknown) => process.send!({ ok: false, error: (err as Error).message }));
  });
  process.channel?.unref(); // the channel must not keep a server alive that was asked to stop
}
