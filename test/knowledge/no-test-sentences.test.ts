// Content holds words and short phrases, never a test sentence: the matcher must generalise, not remember.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { DEFAULT_CONTENT_DIR } from '../../src/knowledge/load.js';
import { loadPhrases, loadVignettes } from '../cases/dev-cases.js';
import { answers, messages, vignettes } from '../corpus/corpus.js';

/** Six words in a row shared with a test sentence is a copy, not vocabulary. */
const RUN = 6;
const words = (t: string): string[] => t.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').replace(/'/g, '').split(/\s+/).filter(Boolean);

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

function contentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? contentFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []);
}

describe('content holds no test sentence', () => {
  const content = contentFiles(DEFAULT_CONTENT_DIR).flatMap((f) => strings(parseYaml(readFileSync(f, 'utf8'))).map((s) => ` ${words(s).join(' ')} `));
  const tests: string[] = [
    ...loadPhrases().map((p) => p.text),
    ...loadVignettes().flatMap((v) => [v.opening, ...Object.values(v.answers)]),
    ...(['tune', 'sealed'] as const).flatMap((part) => [
      ...messages(part).map((m) => m.text), ...answers(part).map((a) => a.text),
      ...vignettes(part).flatMap((v) => [v.opening, ...Object.values(v.answers)]),
    ]),
  ].filter((t): t is string => typeof t === 'string');

  it(`shares no run of ${RUN} words, and no whole sentence, with the dev cases or the corpus`, () => {
    const copies: string[] = [];
    for (const t of tests) {
      const w = words(t);
      const whole = ` ${w.join(' ')} `;
      if (w.length >= 5 && content.some((c) => c === whole)) copies.push(t);
      for (let i = 0; i + RUN <= w.length; i += 1) {
        const run = ` ${w.slice(i, i + RUN).join(' ')} `;
        if (content.some((c) => c.includes(run))) { copies.push(`${t} («${run.trim()}»)`); break; }
      }
    }
    expect(copies).to.deep.equal([]);
  });
});
