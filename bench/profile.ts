// The top of a V8 CPU profile (node --cpu-prof): self time per function, summed over the profile.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode { id: number; hitCount?: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

export interface ProfileEntry { selfPercent: number; selfMs: number; fn: string; where: string }

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function where(url: string, line: number): string {
  if (!url) return '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  const short = path.startsWith(ROOT) ? relative(ROOT, path).replace(/^node_modules\//, '') : path;
  return `${short}:${line + 1}`;
}

export function topOfProfile(file: string, count = 15): ProfileEntry[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<string, { us: number; fn: string; where: string }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const dt = profile.timeDeltas[i] ?? 0;
    if (!node) return;
    total += dt;
    const fn = node.callFrame.functionName || '(anonymous)';
    const at = where(node.callFrame.url, node.callFrame.lineNumber);
    const key = `${fn}@${at}`;
    const entry = selfUs.get(key) ?? { us: 0, fn, where: at };
    entry.us += dt;
    selfUs.set(key, entry);
  });
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, count)
    .map((e) => ({ selfPercent: Math.round((e.us / total) * 1000) / 10, selfMs: Math.round(e.us / 1000), fn: e.fn, where: e.where }));
}
