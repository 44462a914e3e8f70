// scratch: the matcher's per-turn cost as the dialogs call it (analyse, then interpret once or twice)
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createMatcher } from '../../src/nlu/index.js';
import { loadVignettes } from '../../test/cases/dev-cases.js';
const k = loadKnowledge();
const m = createMatcher({ lexicon: k.lexicon, glossary: k.glossary });
const texts = loadVignettes().flatMap((v) => [v.opening, ...Object.values(v.answers)]).filter(Boolean) as string[];
const q = k.questions.find((x) => x.kind === 'yesno')!;
const turn = (t: string) => { const a = m.analyse(t); if (a.intent) m.interpret(q, t, false); m.interpret(q, t, false); };
for (let i = 0; i < 50; i++) texts.forEach(turn);
const N = 300; const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) texts.forEach(turn);
console.log('per turn µs', (Number(process.hrtime.bigint() - t0) / 1000 / N / texts.length).toFixed(1), 'texts', texts.length);
