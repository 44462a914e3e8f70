// npm run explain -- "some message" [--question bladder_bowel]: how the matcher reads a message, step by step
// (sentences, concepts, each mention's qualifiers and status, the intent), and, with --question, the answer it
// gives to that question. For clinical editors checking a new phrase (content/README.md).
import { loadKnowledge } from '../src/knowledge/load.js';
import { matcherFor } from '../src/understanding.js';

const args = process.argv.slice(2);
const qi = args.indexOf('--question');
const questionId = qi >= 0 ? args[qi + 1] : undefined;
const text = (qi >= 0 ? args.filter((_, i) => i !== qi && i !== qi + 1) : args).join(' ');
if (!text) {
  console.error('usage: npm run explain -- "some message" [--question <question id>]');
  process.exit(2);
}

const knowledge = loadKnowledge();
const matcher = matcherFor(knowledge);
const reading = matcher.explain(text);
const a = reading.analysis;

console.log(`message: ${JSON.stringify(text)}`);
console.log(`normalised: ${a.normalized}`);
reading.sentences.forEach((s, i) => {
  console.log(`sentence ${i + 1}${s.asks ? ' (asks)' : ''}: ${s.words}`);
  for (const c of s.concepts) console.log(`  concept ${c.concept}: "${c.words}"`);
  for (const c of s.cues) console.log(`  cue ${c.cue}: "${c.words}"`);
});
console.log(a.findings.length ? 'findings:' : 'findings: none');
for (const f of a.findings) {
  const q = f.qualifiers;
  console.log(`  ${f.id}: ${f.status}  (negation ${q.negation}, experiencer ${q.experiencer}, temporality ${q.temporality}` +
    `${q.figurative ? ', figurative' : ''}; confidence ${f.confidence}; words "${f.words}")`);
}
console.log(`polarity: ${a.polarity ?? '-'}  weeks: ${a.weeks ?? '-'}  per week: ${a.perWeek ?? '-'}  adherence: ${a.adherence ?? '-'}  progress: ${a.progress ?? '-'}`);
console.log(`intent: ${a.intent ? `${a.intent.name} (${a.intent.confidence.toFixed(2)})${a.intent.term ? ` term ${a.intent.term}` : ''}` : '-'}${a.language ? `  language: ${a.language}` : ''}`);
if (questionId) {
  const question = knowledge.questions.find((q) => q.id === questionId);
  if (!question) {
    console.error(`no question ${questionId}; questions: ${knowledge.questions.map((q) => q.id).join(', ')}`);
    process.exit(2);
  }
  console.log(`as an answer to ${questionId}: ${JSON.stringify(matcher.interpret(question, text, false))}`);
}
