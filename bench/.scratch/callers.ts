import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const target = process.argv[3]!; const depth = Number(process.argv[4] ?? 6);
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
p.samples.forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
const agg = new Map<string, number>();
const name = (n: any) => `${n.callFrame.functionName || '(anon)'}@${(n.callFrame.url || '').replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/')}:${n.callFrame.lineNumber + 1}`;
for (const n of p.nodes) {
  if (n.callFrame.functionName !== target) continue;
  // self time of this node and its subtree
  let t = 0; const stack = [n.id]; while (stack.length) { const id = stack.pop()!; t += self.get(id) ?? 0; for (const c of byId.get(id).children ?? []) stack.push(c); }
  const chain: string[] = []; let cur = parent.get(n.id); while (cur !== undefined && chain.length < depth) { chain.push(name(byId.get(cur))); cur = parent.get(cur); }
  const k = chain.join(' < '); agg.set(k, (agg.get(k) ?? 0) + t);
}
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${Math.round(v / 1000)} ms: ${k}\n`);
