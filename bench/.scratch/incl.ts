import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const filter = new RegExp(process.argv[3] ?? 'dist/');
const turns = Number(process.argv[4] ?? 1);
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const self = new Map<number, number>();
p.samples.forEach((id: number, i: number) => { if (i > 0) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)); });
const incl = new Map<string, number>();
const name = (n: any) => `${n.callFrame.functionName || '(anon)'} ${(n.callFrame.url || '').replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/')}:${n.callFrame.lineNumber + 1}`;
function walk(id: number, onStack: Set<string>): number {
  const n = byId.get(id); let t = self.get(id) ?? 0;
  const k = name(n); const counted = onStack.has(k);
  if (!counted) onStack.add(k);
  for (const c of n.children ?? []) t += walk(c, onStack);
  if (!counted) { onStack.delete(k); if (filter.test(n.callFrame.url)) incl.set(k, (incl.get(k) ?? 0) + t); }
  return t;
}
walk(p.nodes[0].id, new Set());
for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[5] ?? 40))) console.log(`${String(Math.round(v / turns)).padStart(7)} µs/turn  ${k}`);
