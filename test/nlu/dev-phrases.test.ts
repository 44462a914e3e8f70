/** The safety bar on the public development phrases (see /work/shared/dev-cases/README.md). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { EMERGENCY, URGENT, matcher } from './fixture.js';

interface Phrase { id: string; text: string; expect: 'emergency' | 'urgent' | 'none'; finding: string | null; kind: string }

const FILE = [join(process.cwd(), '../shared/dev-cases/phrases.json'), '/work/shared/dev-cases/phrases.json'].find(existsSync);
const phrases: Phrase[] = FILE ? JSON.parse(readFileSync(FILE, 'utf8')) as Phrase[] : [];

const present = (text: string): string[] =>
  matcher().analyse(text).findings.filter((f) => f.status === 'present').map((f) => f.id);
const isEmergency = (id: string): boolean => (EMERGENCY as readonly string[]).includes(id);
const isUrgent = (id: string): boolean => (URGENT as readonly string[]).includes(id);

describe('nlu: dev phrases', () => {
  it('has the dev phrases to play (../shared/dev-cases/phrases.json)', () => {
    expect(FILE, 'the dev cases are missing').to.be.a('string');
    for (const kind of ['emergency', 'urgent', 'none']) expect(phrases.some((p) => p.expect === kind), kind).to.equal(true);
  });

  it('finds every emergency finding (100%)', () => {
    const missed = phrases.filter((p) => p.expect === 'emergency' && !present(p.text).includes(p.finding!));
    expect(missed.map((p) => `${p.id}: ${p.text}`)).to.deep.equal([]);
  });

  it('finds every urgent finding and raises no emergency on them (100%)', () => {
    const wrong = phrases.filter((p) => p.expect === 'urgent')
      .filter((p) => { const f = present(p.text); return !f.includes(p.finding!) || f.some(isEmergency); });
    expect(wrong.map((p) => `${p.id}: ${p.text} → ${present(p.text).join(',')}`)).to.deep.equal([]);
  });

  it('keeps every "none" phrase below urgent', () => {
    const none = phrases.filter((p) => p.expect === 'none');
    const wrong = none.filter((p) => present(p.text).some((id) => isEmergency(id) || isUrgent(id)));
    expect(wrong.map((p) => `${p.id}: ${p.text} → ${present(p.text).join(',')}`)).to.deep.equal([]);
  });
});
