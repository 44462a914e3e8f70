import { summariseProfile } from '../profile.js';
const [b, e, tb, te] = process.argv.slice(2);
const B = summariseProfile(b!, Number(tb), 400), E = summariseProfile(e!, Number(te), 400);
const em = new Map(E.areas.map((x) => [x.name, x.usPerTurn]));
console.log('bot', B.usPerTurn, 'echo', E.usPerTurn);
for (const a of B.areas.slice(0, 40)) console.log(`${String(a.usPerTurn).padStart(6)} ${String(em.get(a.name) ?? 0).padStart(6)} ${String(a.usPerTurn - (em.get(a.name) ?? 0)).padStart(6)}  ${a.name}`);
