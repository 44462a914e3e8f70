// Preloaded into a server under test (node --import dist/bench/profiler.js) when the bench profiles: SIGUSR2
// starts V8's CPU profiler and a second SIGUSR2 writes the profile to BENCH_PROFILE_FILE, so the profile holds
// the load case alone, not start-up. (SIGUSR1 belongs to node's inspector.)
import { renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const file = process.env.BENCH_PROFILE_FILE;
if (file) {
  const session = new Session();
  session.connect();
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    running = false;
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
      renameSync(`${file}.tmp`, file); // the bench waits for the name: never a half-written file
    });
  });
}
