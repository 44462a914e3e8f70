import { topOfProfile } from '../profile.js';
import { readFileSync } from 'node:fs';
const f = process.argv[2]!;
for (const e of topOfProfile(f, Number(process.argv[3] ?? 25))) console.log(`${String(e.selfPercent).padStart(5)}% ${String(e.selfMs).padStart(6)} ms  ${e.fn}  ${e.where}`);
