// npm run corpus -- [tune|sealed] [--misses]: the blind corpus read by the matcher alone, by class and category
// (misses with their text for tune/, by id only for sealed/).
// The whole-conversation figures over HTTP come from the mocha suite (test/corpus/corpus.test.ts).
import { loadKnowledge } from '../src/knowledge/load.js';
import { matcherFor } from '../src/understanding.js';
import { answers, messages, scoreAnswer, scoreMessage, type Part, type Scored } from './lib/corpus.js';

const part = (process.argv.includes('sealed') ? 'sealed' : 'tune') as Part;
const showMisses = process.argv.includes('--misses');
const knowledge = loadKnowledge();
const matcher = matcherFor(knowledge);

function table<T>(title: string, rows: Scored<T>[], key: (t: T) => string): void {
  const groups = new Map<string, Scored<T>[]>();
  for (const r of rows) groups.set(key(r.item), [...(groups.get(key(r.item)) ?? []), r]);
  const ok = rows.filter((r) => r.ok).length;
  console.log(`${title}: ${ok}/${rows.length} (${((100 * ok) / Math.max(1, rows.length)).toFixed(1)}%)`);
  for (const [k, rs] of [...groups].sort()) console.log(`  ${k.padEnd(34)} ${rs.filter((r) => r.ok).length}/${rs.length}`);
}

const ms = messages(part).map((m) => scoreMessage(m, matcher, knowledge));
table(`${part} messages by expect`, ms, (m) => m.expect);
table(`${part} messages by class`, ms, (m) => `${m.expect}/${m.class}`);
const as = answers(part).map((a) => scoreAnswer(a, matcher, knowledge));
table(`${part} answers by category`, as, (a) => a.category);
table(`${part} answers by question`, as, (a) => a.question);
// Sealed misses by id only: a sealed text that is read moves to tune/ (test/corpus/sealed/MOVED.md).
const text = (t: string, got: string) => (part === 'sealed' ? '' : ` ${t}\n     got ${got}`);
if (showMisses) {
  for (const r of ms.filter((x) => !x.ok)) console.log(`MISS ${r.item.id} [${r.item.expect} ${r.item.finding ?? '-'} ${r.item.class}]${text(r.item.text, r.got)}`);
  for (const r of as.filter((x) => !x.ok)) console.log(`MISS ${r.item.id} [${r.item.question} ${r.item.category} ${JSON.stringify(r.item.expect)}]${text(r.item.text, r.got)}`);
}
