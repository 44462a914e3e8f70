import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const byId = new Map(p.nodes.map((n: any) => [n.id, n]));
const agg = new Map<string, number>(); let total = 0;
p.samples.forEach((id: number, i: number) => {
  const n: any = byId.get(id); const dt = p.timeDeltas[i] ?? 0;
  const fn = n.callFrame.functionName; if (fn === '(idle)' || fn === '(program)') return;
  total += dt;
  let u: string = n.callFrame.url || `(native) ${fn}`;
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(u); if (m) u = m[1]!; else if (u.includes('/dist/')) u = u.replace(/.*\/dist\//, 'dist/'); else if (u.startsWith('node:')) u = u.split('/').slice(0, 2).join('/');
  agg.set(u, (agg.get(u) ?? 0) + dt);
});
console.log('busy ms', Math.round(total / 1000));
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 30))) console.log(`${(v / total * 100).toFixed(1).padStart(5)}% ${Math.round(v / 1000).toString().padStart(6)} ms ${k}`);
