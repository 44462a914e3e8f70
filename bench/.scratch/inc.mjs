const mods = process.argv.slice(2);
let t = performance.now(); const t0 = t;
for (const m of mods) { await import(m); const n = performance.now(); console.log(String(Math.round(n - t)).padStart(5), m); t = n; }
console.log(String(Math.round(t - t0)).padStart(5), 'total');
process.exit(0);
