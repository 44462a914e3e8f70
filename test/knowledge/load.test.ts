import { expect } from 'chai';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FINDING_IDS } from '../../src/knowledge/ids.js';
import { ContentError, DEFAULT_CONTENT_DIR, loadKnowledge } from '../../src/knowledge/load.js';

/** A copy of content/ to break on purpose. */
function contentCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'content-'));
  cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
  return dir;
}

function loadError(dir: string): ContentError {
  try {
    loadKnowledge(dir);
  } catch (err) {
    expect(err).to.be.instanceOf(ContentError);
    return err as ContentError;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('expected a ContentError');
}

describe('content validation', () => {
  it('loads the real content with every TRIAGE.md finding and its urgency', () => {
    const k = loadKnowledge();
    expect([...k.findings.keys()].sort()).to.deep.equal([...FINDING_IDS].sort());
    expect(k.findings.get('bladder_bowel')?.urgency).to.equal('emergency');
    expect(k.findings.get('fever')?.urgency).to.equal('urgent');
    expect(k.findings.get('radiating')?.urgency).to.equal('soon');
    expect(k.findings.get('lifestyle')?.urgency).to.equal('routine');
  });

  it('cites only seed articles or TRIAGE.md, and leaves out the marketing lines', () => {
    const all = ['findings', 'reasons', 'next-steps', 'glossary', 'messages'].map((f) => readFileSync(join(DEFAULT_CONTENT_DIR, `${f}.yaml`), 'utf8')).join('\n');
    expect(all).not.to.match(/Linear helps|streamline software|call today|schedule (a|your) consultation/i);
  });

  it('names the file and the field when a value is wrong', () => {
    const dir = contentCopy();
    const file = join(dir, 'findings.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/urgency: emergency/, 'urgency: whenever'));
    const err = loadError(dir);
    expect(err.file).to.equal(file);
    expect(err.field).to.match(/^findings\.\d+\.urgency$/);
    expect(err.message).to.contain('findings.yaml').and.to.contain('urgency');
  });

  it('names the file when the YAML does not parse', () => {
    const dir = contentCopy();
    writeFileSync(join(dir, 'messages.yaml'), 'messages: [unclosed');
    expect(loadError(dir).file).to.match(/messages\.yaml$/);
  });

  it('rejects a question that asks about an unknown finding', () => {
    const dir = contentCopy();
    const file = join(dir, 'questions.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('asks: [bladder_bowel]', 'asks: [bladder_bowl]'));
    const err = loadError(dir);
    expect(err.file).to.equal(file);
    expect(err.field).to.match(/^questions\.\d+\.asks\.0$/);
  });

  it('rejects a source that is not a seed article', () => {
    const dir = contentCopy();
    const file = join(dir, 'reasons.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('sources: [000_0c3453292b9b3cc8.txt', 'sources: [some-blog-post.html'));
    const err = loadError(dir);
    expect(err.field).to.match(/^reasons\.\d+\.sources\.\d+$/);
  });

  describe('the sources map (messages.sources.titles)', () => {
    it('gives every source that content cites a short, plain title, with no file name and no marketing', () => {
      const k = loadKnowledge();
      const titles = k.messages.sources.titles;
      const cited = new Set([
        ...[...k.findings.values()].flatMap((f) => f.sources), ...k.reasons.flatMap((r) => r.sources),
        ...k.nextSteps.flatMap((s) => s.sources), ...k.glossary.flatMap((g) => g.sources), ...k.questions.flatMap((q) => q.why?.sources ?? []),
      ]);
      expect(cited.size).to.be.greaterThan(0);
      for (const source of cited) expect(Object.hasOwn(titles, source), source).to.equal(true);
      for (const title of Object.values(titles)) {
        expect(title.length, title).to.be.within(10, 70);
        expect(title, title).not.to.match(/\.txt|TRIAGE\.md|article \d|Linear|discover|expert|tips/i);
      }
      expect(new Set(Object.values(titles)).size, 'no two sources share a title').to.equal(Object.keys(titles).length);
    });

    it('fails start-up naming the file and field of a cited source that has no title', () => {
      const dir = contentCopy();
      const file = join(dir, 'messages.yaml');
      const text = readFileSync(file, 'utf8');
      expect(text).to.match(/^      001_298c66a5cf776d65\.txt: .+$/m);
      writeFileSync(file, text.replace(/^      001_298c66a5cf776d65\.txt: .+\n/m, ''));
      const err = loadError(dir);
      expect(err.file).to.match(/(findings|reasons|next-steps|glossary|questions)\.yaml$/);
      expect(err.field).to.match(/^(findings|reasons|nextSteps|glossary|questions)\.\d+(\.why)?\.sources\.\d+$/);
      expect(err.message).to.contain('001_298c66a5cf776d65.txt').and.to.contain('messages.sources.titles');
    });

    it('rejects a title for something that is not a source, and an empty title', () => {
      const bad = contentCopy();
      const file = join(bad, 'messages.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/^(      TRIAGE\.md: .+)$/m, '$1\n      some-blog.html: A blog'));
      const err = loadError(bad);
      expect(err.file).to.equal(file);
      expect(err.field).to.match(/^messages\.sources\.titles/);
      const empty = contentCopy();
      const file2 = join(empty, 'messages.yaml');
      writeFileSync(file2, readFileSync(file2, 'utf8').replace(/^(      TRIAGE\.md: ).+$/m, "$1''"));
      expect(loadError(empty).field).to.equal('messages.sources.titles.TRIAGE.md');
    });
  });

  it('rejects findings.yaml with a TRIAGE.md finding missing', () => {
    const dir = contentCopy();
    const file = join(dir, 'findings.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/  - id: lifestyle[\s\S]*?(?=\n  - id:|$)/, ''));
    const err = loadError(dir);
    expect(err.message).to.contain('lifestyle');
  });

  it('rejects a phrase where the lexicon compares single words, and a frequency unit with no length', () => {
    const dir = contentCopy();
    const file = join(dir, 'lexicon.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('tailWords: [thanks,', 'tailWords: [thank you,'));
    expect(loadError(dir).field).to.equal('polarity.tailWords.0');
    const again = contentCopy();
    const lex = join(again, 'lexicon.yaml');
    writeFileSync(lex, readFileSync(lex, 'utf8').replace('frequencyUnits: [day,', 'frequencyUnits: [decade, day,'));
    expect(loadError(again).field).to.equal('numbers.frequencyUnits.0');
  });

  it('stops start-up with one clear line for a broken file (npm run content:check exits 1)', async () => {
    const dir = contentCopy();
    writeFileSync(join(dir, 'glossary.yaml'), 'glossary: []');
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/content-check.ts', dir], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(run.status).to.equal(1);
    expect(run.stderr).to.match(/glossary\.yaml at glossary/);
  });
});
