import { summariseProfile } from '../profile.js';
const s = summariseProfile(process.argv[2]!, Number(process.argv[4]), 3000);
for (const f of s.functions.filter((f) => f.name.includes(process.argv[3]!)).slice(0, 25)) console.log(`${String(f.usPerTurn).padStart(6)}  ${f.name}`);
