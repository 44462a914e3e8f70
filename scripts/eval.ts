// `npm run eval`: plays the dev cases through a real server on a free loopback port and prints the figures.
import { startLocalApp } from './lib/local-app.js';
import { evaluateDevCases, report } from './lib/evaluate.js';

const server = await startLocalApp();
try {
  const figures = await evaluateDevCases(server.url);
  console.log(report(figures));
  if (process.argv.includes('--transcripts')) {
    for (const v of figures.vignettes) console.log(`\n== ${v.id} (${v.got})\n${v.transcript.join('\n')}`);
  }
} finally {
  await server.close();
}
