/** analyse(): negation, hedges, typos, polarity, numbers, progress and intents. */
import { expect } from 'chai';
import type { Analysis } from '../../src/nlu/types.js';
import { adherenceFrom } from '../../src/knowledge/ids.js';
import { matcher } from './fixture.js';

const a = (t: string): Analysis => matcher().analyse(t);
const status = (t: string, id: string): string | undefined => a(t).findings.find((f) => f.id === id)?.status;

describe('nlu: negation scope', () => {
  it('negates within its clause only', () => {
    expect(status("Sensation's fine, but my ankle has gone floppy", 'progressive_weakness')).to.equal('present');
    expect(status("temperature's normal, though I've soiled myself", 'bladder_bowel')).to.equal('present');
    expect(status("temperature's normal, though I've soiled myself", 'fever')).to.equal('absent');
  });
  it('reads denials as absent', () => {
    expect(status('no fever', 'fever')).to.equal('absent');
    expect(status("I haven't lost any weight", 'weight_loss')).to.equal('absent');
    expect(status('never had cancer', 'cancer_history')).to.equal('absent');
    expect(status('no numbness or tingling', 'numbness_tingling')).to.equal('absent');
    expect(status('without any fever', 'fever')).to.equal('absent');
  });
  it('does not treat negation inside a symptom phrase as a denial', () => {
    expect(status("I can't stop the urine", 'bladder_bowel')).to.equal('present');
    expect(status("I've got no feeling in my groin", 'saddle_numbness')).to.equal('present');
    expect(status("I'm not trying to lose weight but my jeans are loose", 'weight_loss')).to.equal('present');
  });
  it('keeps someone else\'s cancer and past, resolved chills out', () => {
    expect(status('my aunt had leukaemia', 'cancer_history')).to.equal('ignored');
    expect(a('my aunt had leukaemia').findings.find((f) => f.id === 'cancer_history')?.qualifiers.experiencer).to.equal('other');
    expect(status('had the chills with covid last year, fine now', 'fever')).to.not.equal('present');
    expect(status('I got the all-clear from lymphoma', 'cancer_history')).to.equal('present');
  });
});

describe('nlu: hedges', () => {
  it('keeps hedged mentions present and flags them', () => {
    const f = a('might be nothing but I think I have a fever').findings.find((x) => x.id === 'fever');
    expect(f?.status).to.equal('present');
    expect(f?.qualifiers.negation).to.equal('possible');
    expect(status('probably overthinking it but my leg is getting weaker', 'progressive_weakness')).to.equal('present');
  });
});

describe('nlu: typos', () => {
  for (const [text, id] of [
    ['incontinance since thursday', 'bladder_bowel'], ['no feelin round my privats', 'saddle_numbness'],
    ['i had ovarian cancr', 'cancer_history'], ['had a bad fal on concreat', 'major_trauma'], ['my legg gives way', 'progressive_weakness'],
    ['nite sweats every nite', 'fever'],
  ] as const) it(`reads "${text}"`, () => expect(status(text, id)).to.equal('present'));
  it('leaves everyday words alone', () => {
    expect(a('I dropped the bowl').findings.filter((f) => f.id === 'bladder_bowel')).to.deep.equal([]);
  });
});

describe('nlu: polarity', () => {
  const cases: [string, string | null][] = [
    ['yeah', 'yes'], ['yep', 'yes'], ['I did', 'yes'], ['yes please', 'yes'], ['nope', 'no'], ['not really', 'no'],
    ['no', 'no'], ['nah never', 'no'], ['erm not sure', 'unsure'], ['dunno', 'unsure'], ['maybe?', 'unsure'],
    ["I don't know", 'unsure'], ['none of those', 'no'], ['nothing like that', 'no'],
  ];
  for (const [t, p] of cases) it(`"${t}" → ${p}`, () => expect(a(t).polarity).to.equal(p));
});

describe('nlu: durations in weeks', () => {
  const cases: [string, number][] = [
    ['6 or 7 weeks', 6.5], ['5 wks', 5], ['nearly two months', 8.7], ['a bit over two months', 8.7],
    ['since mid-January, so about 11 weeks', 11], ['a couple of weeks', 2], ['seven weeks-ish', 7], ['three months', 13],
    ['half a year', 26.1], ['8 weeks', 8], ['a fortnight', 2],
  ];
  for (const [t, w] of cases) it(`"${t}" → ${w}`, () => expect(a(t).weeks).to.be.closeTo(w, 0.2));
  it('reads "since mid-January" from the date', () => expect(a('since mid-January').weeks).to.be.closeTo(11, 0.5));
  it('ignores "ago" and frequencies', () => {
    expect(a('it started two months ago').weeks).to.equal(null);
    expect(a('3 days a week').weeks).to.equal(null);
  });
});

describe('nlu: frequency and adherence', () => {
  const cases: [string, string][] = [
    ['3x a week', 'partial'], ['most days', 'high'], ["maybe once or twice a week if I'm lucky", 'low'],
    ['never missed a session', 'high'], ["I do what I'm told", 'high'], ['skip the odd Sunday', 'high'],
    ['mostly, maybe 5 days a week', 'high'], ['I skip the home exercises', 'low'], ['hardly ever', 'low'],
  ];
  // The matcher reports the days a week; what they mean is the one rule in src/knowledge.
  for (const [t, adh] of cases) {
    it(`"${t}" → ${adh}`, () => {
      const x = a(t);
      expect(x.perWeek !== null ? adherenceFrom(x.perWeek) : x.adherence).to.equal(adh);
    });
  }
  it('reads days per week', () => {
    expect(a('3x a week').perWeek).to.equal(3);
    expect(a('most days').perWeek).to.equal(5);
    expect(a('once or twice a week').perWeek).to.equal(1.5);
    expect(a('twice a day').perWeek).to.equal(7);
    expect(a('once a fortnight').perWeek).to.equal(0.5);
  });
  it('a frequency is the exercises\' when said of them, or beside talk of skipping them; not a symptom\'s', () => {
    expect(a('I skip them most days')).to.deep.include({ perWeek: 5, aboutExercises: true });
    expect(a('the home exercises most days')).to.deep.include({ perWeek: 5, aboutExercises: true });
    expect(a('still stiff every morning')).to.deep.include({ perWeek: 7, aboutExercises: false });
  });
});

describe('nlu: about PT itself', () => {
  it('a message naming PT, the therapist, the sessions or the exercises is about PT', () => {
    for (const t of ['8 weeks of physio', 'my physiotherapist says 6 weeks', 'PT twice a week', 'I do my stretches', 'the sessions help'])
      expect(a(t).aboutPt, t).to.equal(true);
  });
  it('other talk is not, "at a stretch" included', () => {
    for (const t of ['about two months', 'I sit for hours at a stretch', 'it started 3 weeks ago', ''])
      expect(a(t).aboutPt, t).to.equal(false);
  });
});

describe('nlu: progress', () => {
  const cases: [string, string][] = [
    ['hardly any change', 'same'], ["no, if anything it's more painful", 'worse'], ['a tad better', 'better'],
    ['too soon to say maybe', 'unsure'], ["only while I'm moving, it's back by the next morning", 'same'],
    ['no better', 'same'], ['loads better thanks', 'better'], ['getting worse', 'worse'],
  ];
  for (const [t, p] of cases) it(`"${t}" → ${p}`, () => expect(a(t).progress).to.equal(p));
});

describe('nlu: global intents', () => {
  const cases: [string, string | null][] = [
    ['help', 'help'], ['how does this work?', 'help'], ['start again', 'restart'], ['how do I contact the clinic', 'contact'],
    ['bye', 'goodbye'], ['why is that urgent?', 'why'], ['delete my data', 'forget'], ['forget me', 'forget'],
    ['hello', 'greeting'], ['hey there', 'greeting'], ['thanks', 'thanks'], ['cheers', 'thanks'],
    ['I fell behind', null], ['I fell behind on my exercises over Christmas', null], ['my leg gives way', null],
    ['I dropped my phone in the bath lol', null], ['stop the pain please', null], ['yes', null], ['6 weeks', null],
  ];
  for (const [t, i] of cases) it(`"${t}" → ${i}`, () => expect(a(t).intent?.name ?? null).to.equal(i));
  it('resolves defined terms against the glossary', () => {
    expect(a('what is an MRI?').intent).to.include({ name: 'define', term: 'MRI' });
    expect(a('what does RFA mean?').intent).to.include({ name: 'define' });
    expect(a("what's a CT scan for?").intent).to.include({ name: 'define' });
    expect(a('what is a flibbertigibbet?').intent).to.deep.include({ name: 'define', term: null });
  });
});
