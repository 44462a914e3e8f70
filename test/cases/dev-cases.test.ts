import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { evaluateDevCases, report, type Figures } from '../../scripts/lib/evaluate.js';

// The dev cases of ../shared/dev-cases, played over HTTP by a simulated patient who types every answer.
describe('dev cases over HTTP', function () {
  this.timeout(120_000);
  let server: TestServer;
  let figures: Figures;

  before(async () => {
    server = await startTestServer();
    figures = await evaluateDevCases(server.url);
    console.log(report(figures).replace(/^/gm, '      '));
  });
  after(async () => server.close());

  // The shares are 1 for a kind with no phrase at all (evaluate.ts): each test first checks that its kind was played.
  const played = (kind: 'emergency' | 'urgent' | 'none') => figures.phrases.filter((p) => p.expect === kind);

  it('catches every emergency phrase in the same turn, as the opening and mid-conversation', () => {
    expect(played('emergency'), 'emergency phrases played').to.not.be.empty;
    expect(figures.phrases.filter((p) => p.expect === 'emergency' && !p.ok).map((p) => p.id)).to.deep.equal([]);
  });

  it('ends every urgent phrase at urgent or above', () => {
    expect(played('urgent'), 'urgent phrases played').to.not.be.empty;
    expect(figures.phrases.filter((p) => p.expect === 'urgent' && !p.ok).map((p) => p.id)).to.deep.equal([]);
  });

  it('keeps at least 95% of the no-red-flag phrases at soon or below', () => {
    expect(played('none'), 'no-red-flag phrases played').to.not.be.empty;
    expect(figures.noneKept).to.be.at.least(0.95);
  });

  it('gets at least 11 of 12 vignettes exactly right and under-triages none', () => {
    expect(figures.underTriaged).to.deep.equal([]);
    expect(figures.vignettesExact).to.be.at.least(11);
  });

  it('asks at most 12 questions in a typical conversation', () => {
    expect(figures.vignettes, 'vignettes played (the median of none is 0)').to.not.be.empty;
    expect(figures.medianTurns).to.be.at.most(13); // the opening message plus at most 12 answers
  });
});
