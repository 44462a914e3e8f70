import { expect } from 'chai';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { matcherFor } from '../../src/understanding.js';
import { inBatches, type VignetteResult } from '../../scripts/lib/dev-cases.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { answers, messages, scoreAnswer, vignettes, type Part } from '../../scripts/lib/corpus.js';
import { playable, runAnswer, runMessage, runVignettes, type AnswerRun, type MessageRun } from './over-http.js';

// The project's blind corpus (README.md here) through the matcher and over HTTP. The sealed part is never tuned
// on: a sealed emergency missed by the end of its conversation, or a sealed vignette under-triaged, fails.
const knowledge = loadKnowledge();
const pct = (n: number, d: number) => `${n}/${d} (${d ? ((100 * n) / d).toFixed(1) : '100.0'}%)`;
const QUALIFIER_CLASS: Record<string, string> = {
  negated: 'negation', other_person: 'experiencer (someone else)', past_resolved: 'temporality (past, resolved)',
  question: 'temporality (question)', hypothetical: 'temporality (hypothetical)', figurative: 'figurative',
  routine_talk: 'routine talk', mixed: 'mixed', plain: 'plain',
};

interface Figures { runs: MessageRun[]; answers: AnswerRun[]; vignettes: VignetteResult[] }

function report(part: Part, f: Figures): string {
  const em = f.runs.filter((r) => r.item.expect === 'emergency');
  const ur = f.runs.filter((r) => r.item.expect === 'urgent');
  const no = f.runs.filter((r) => r.item.expect === 'none');
  const lines = [
    `${part}: ${f.runs.length} messages, ${f.answers.length} answers played, ${f.vignettes.length} vignettes`,
    `  emergency, assessment in the same turn (opening): ${pct(em.filter((r) => r.sameTurn === 'emergency').length, em.length)}; direct question first: ${em.filter((r) => r.sameTurn === 'asked').length}`,
    `  emergency, assessment in the same turn (mid-way): ${pct(em.filter((r) => r.midway === 'emergency').length, em.length)}; direct question first: ${em.filter((r) => r.midway === 'asked').length}`,
    `  emergency by the end of the conversation (both): ${pct(em.filter((r) => r.ok).length, em.length)}`,
    `  urgent at least urgent by the end: ${pct(ur.filter((r) => r.ok).length, ur.length)}`,
    `  no-red-flag messages not escalated: ${pct(no.filter((r) => r.ok).length, no.length)}`,
  ];
  const classes = [...new Set(no.map((r) => r.item.class))].sort();
  for (const c of classes) {
    const rs = no.filter((r) => r.item.class === c);
    lines.push(`    ${(QUALIFIER_CLASS[c] ?? c).padEnd(30)} ${pct(rs.filter((r) => r.ok).length, rs.length)}`);
  }
  const cats = [...new Set(f.answers.map((a) => a.item.category))].sort();
  lines.push(`  answers to the bot's questions, whole conversations: ${pct(f.answers.filter((a) => a.ok).length, f.answers.length)}`);
  for (const c of cats) {
    const rs = f.answers.filter((a) => a.item.category === c);
    lines.push(`    ${c.padEnd(30)} ${pct(rs.filter((r) => r.ok).length, rs.length)}`);
  }
  lines.push(`  vignettes exactly right: ${pct(f.vignettes.filter((v) => v.exact).length, f.vignettes.length)}; under-triaged: ${f.vignettes.filter((v) => v.underTriaged).map((v) => v.id).join(', ') || 'none'}`);
  // Sealed misses are listed by id only: one that is read moves to tune/ (sealed/MOVED.md).
  const text = (t: string) => (part === 'sealed' ? '' : `: ${t}`);
  for (const r of f.runs.filter((x) => !x.ok)) lines.push(`    miss ${r.item.id} (${r.item.expect} ${r.item.finding ?? '-'}) got ${r.final}${text(r.item.text)}`);
  for (const a of f.answers.filter((x) => !x.ok)) lines.push(`    miss ${a.item.id} (${a.item.question} ${a.item.expect.answer}) got ${a.final}${text(a.item.text)}`);
  for (const v of f.vignettes.filter((x) => !x.exact)) lines.push(`    vignette ${v.id} expected ${v.expect} got ${v.got}; missing: ${v.missing.join(', ') || 'none'}`);
  return lines.join('\n');
}

describe('blind corpus', function () {
  this.timeout(600_000);
  let server: TestServer;
  const figures: Partial<Record<Part, Figures>> = {};

  before(async () => {
    server = await startTestServer();
    for (const part of ['sealed', 'tune'] as const) {
      const runs = await inBatches(messages(part), 8, (m) => runMessage(server.url, m, knowledge));
      const played = await inBatches(answers(part).filter(playable), 8, (a) => runAnswer(server.url, a, knowledge));
      const vs = await runVignettes(server.url, vignettes(part));
      figures[part] = { runs, answers: played, vignettes: vs };
      console.log(report(part, figures[part]!).replace(/^/gm, '      '));
    }
  });
  after(async () => server.close());

  const share = (part: Part, expect: string) => {
    const rs = figures[part]!.runs.filter((r) => r.item.expect === expect);
    return rs.filter((r) => r.ok).length / rs.length;
  };

  describe('sealed (never tuned on)', () => {
    it('ends every emergency message in the emergency assessment, typed as the opening and mid-way', () => {
      expect(figures.sealed!.runs.filter((r) => r.item.expect === 'emergency'), 'sealed emergency messages played').to.not.be.empty;
      expect(figures.sealed!.runs.filter((r) => r.item.expect === 'emergency' && !r.ok).map((r) => r.item.id)).to.deep.equal([]);
    });
    it('under-triages no vignette', () => {
      expect(figures.sealed!.vignettes, 'sealed vignettes played').to.not.be.empty;
      expect(figures.sealed!.vignettes.filter((v) => v.underTriaged).map((v) => v.id)).to.deep.equal([]);
    });
    // Floors against regression, below the figures reached (README); the targets are higher.
    it('ends at least 95% of the urgent messages at urgent or above', () => expect(share('sealed', 'urgent')).to.be.at.least(0.95));
    it('escalates at most 10% of the no-red-flag messages', () => expect(share('sealed', 'none')).to.be.at.least(0.9));
  });

  describe('tune (regression)', () => {
    it('ends at least 99% of the emergency messages in the emergency assessment', () => expect(share('tune', 'emergency')).to.be.at.least(0.99));
    it('ends at least 99% of the urgent messages at urgent or above', () => expect(share('tune', 'urgent')).to.be.at.least(0.99));
    it('keeps at least 98% of the no-red-flag messages unescalated', () => expect(share('tune', 'none')).to.be.at.least(0.98));
    it('under-triages no vignette', () => {
      expect(figures.tune!.vignettes, 'tune vignettes played').to.not.be.empty;
      expect(figures.tune!.vignettes.filter((v) => v.underTriaged).map((v) => v.id)).to.deep.equal([]);
    });
  });
});

describe('blind corpus through the matcher', () => {
  const matcher = matcherFor(knowledge);
  // Floors against regression (README has the figures): sealed 90%, tune 95%.
  for (const [part, floor] of [['sealed', 0.9], ['tune', 0.95]] as const) {
    it(`${part}: reads at least ${floor * 100}% of the answers to the bot's own questions right (figures by category)`, () => {
      const scored = answers(part).map((a) => scoreAnswer(a, matcher, knowledge));
      const cats = [...new Set(scored.map((s) => s.item.category))].sort();
      for (const c of cats) {
        const rs = scored.filter((s) => s.item.category === c);
        console.log(`      ${part} ${c.padEnd(18)} ${pct(rs.filter((r) => r.ok).length, rs.length)}`);
      }
      console.log(`      ${part} all                ${pct(scored.filter((r) => r.ok).length, scored.length)}`);
      expect(scored.filter((r) => r.ok).length / scored.length).to.be.at.least(floor);
    });
  }
});
