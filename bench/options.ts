// Command-line flags of `npm run bench -- --flag value`.
import { parseArgs } from 'node:util';
import { STORES, type StoreKind } from './stores.js';

export const PHASES = ['matcher', 'auth', 'startup', 'stored', 'directline-stored', 'page-latency', 'load', 'memory'] as const;
export type Phase = (typeof PHASES)[number];

export interface BenchOptions {
  concurrency: number;
  seconds: number;
  rate: number;
  store: StoreKind;
  conversations: number;
  ttl: number;
  only: ReadonlySet<Phase>;
  cpuProf: boolean;
}

export const USAGE = `npm run bench -- [flags]
  --concurrency N   simulated patients at once in the closed-loop case (50)
  --seconds T       seconds per load case and server, run as two halves in A-B-B-A order (20)
  --rate R          open loop: turns offered per second (200)
  --store S         memory | sqlite | redis (memory)
  --conversations N memory run: conversations played before RSS is read (10000)
  --ttl S           memory run: CONVERSATION_TTL in seconds (60, the smallest the settings accept)
  --only LIST       some of ${PHASES.join(',')} (all)
  --cpu-prof        profile the bot and the echo bot during the closed-loop case; print where a turn's CPU goes`;

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number (got ${raw})`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      concurrency: { type: 'string' }, seconds: { type: 'string' }, rate: { type: 'string' }, store: { type: 'string' },
      conversations: { type: 'string' }, ttl: { type: 'string' }, only: { type: 'string' }, 'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) { console.log(USAGE); process.exit(0); }
  const store = values.store ?? 'memory';
  if (!(STORES as readonly string[]).includes(store)) throw new Error(`--store must be one of ${STORES.join(', ')} (got ${store})`);
  const only = (values.only ?? PHASES.join(',')).split(',').map((p) => p.trim()).filter(Boolean);
  for (const p of only) if (!(PHASES as readonly string[]).includes(p)) throw new Error(`--only: unknown phase ${p} (phases: ${PHASES.join(', ')})`);
  return {
    concurrency: Math.round(positive('concurrency', values.concurrency, 50)),
    seconds: positive('seconds', values.seconds, 20),
    rate: positive('rate', values.rate, 200),
    store: store as StoreKind,
    conversations: Math.round(positive('conversations', values.conversations, 10_000)),
    ttl: Math.round(positive('ttl', values.ttl, 60)),
    only: new Set(only as Phase[]),
    cpuProf: values['cpu-prof'] ?? false,
  };
}
