// Reading a V8 CPU profile: self time per function and per package (or per file of ours), busy time only.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileEntry { name: string; selfPercent: number; selfMs: number; usPerTurn: number }
export interface ProfileSummary { busyMs: number; usPerTurn: number; functions: ProfileEntry[]; areas: ProfileEntry[] }

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Not work: the thread waiting, or V8 outside JavaScript with nothing to attribute. */
const NOT_BUSY = new Set(['(idle)', '(program)']);

const path = (url: string): string => {
  const p = url.startsWith('file://') ? fileURLToPath(url) : url;
  return p.startsWith(ROOT) ? relative(ROOT, p) : p;
};

/** A package for dependencies, the file for our own code, the module for node's internals. */
function area(url: string, fn: string): string {
  if (!url) return fn;
  const p = path(url);
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  if (pkg) return pkg[1]!;
  return p.startsWith('node:') ? p.split('/').slice(0, 2).join('/') : p;
}

function entries(totals: Map<string, number>, busyUs: number, turns: number, count: number): ProfileEntry[] {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => ({
    name, selfPercent: Math.round((us / busyUs) * 1000) / 10, selfMs: Math.round(us / 1000), usPerTurn: Math.round(us / turns),
  }));
}

/** `turns`: how many turns the profile covers, for the cost per turn. */
export function summariseProfile(file: string, turns: number, count = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    if (i === 0) return; // its delta runs from the profiler's own start-up
    const frame = byId.get(id)?.callFrame;
    const dt = profile.timeDeltas[i] ?? 0;
    if (!frame || NOT_BUSY.has(frame.functionName)) return;
    busy += dt;
    const fn = `${frame.functionName || '(anonymous)'} ${frame.url ? `${path(frame.url).replace(/^node_modules\//, '')}:${frame.lineNumber + 1}` : '(native)'}`;
    functions.set(fn, (functions.get(fn) ?? 0) + dt);
    const a = area(frame.url, frame.functionName);
    areas.set(a, (areas.get(a) ?? 0) + dt);
  });
  const perTurn = Math.max(1, turns);
  return {
    busyMs: Math.round(busy / 1000), usPerTurn: Math.round(busy / perTurn),
    functions: entries(functions, busy, perTurn, count), areas: entries(areas, busy, perTurn, count),
  };
}
