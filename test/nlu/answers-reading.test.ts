/** How answers to the bot's own questions are read: durations and dates, adherence, polarity, progress. */
import { expect } from 'chai';
import type { AnswerUpdate } from '../../src/nlu/types.js';
import { FIXED_NOW, matcher, question } from './fixture.js';

const ask = (qid: string, text: string, final = false): AnswerUpdate => matcher().interpret(question(qid), text, final);
const a = (text: string) => matcher().analyse(text);
/** Weeks from a date to FIXED_NOW (2 April 2025). */
const weeksSince = (y: number, m: number, d: number): number => (FIXED_NOW.getTime() - new Date(y, m - 1, d).getTime()) / (7 * 86400000);

describe('nlu: answers: durations and dates', () => {
  const lengths: [string, number][] = [
    ['a month and a half', 6.5], ['about a month and a half now', 6.5], ['a year and a half', 78.2],
    ['six weeks or so', 6], ['about a fortnight', 2], ['going on three months', 13], ['nearly a year', 52.1],
    ['half a year', 26.1], ['twenty one weeks', 21], ['ten sessions so far, one a week', 10],
  ];
  for (const [t, w] of lengths) it(`"${t}" → ${w} weeks`, () => expect(ask('pt_duration', t).ptWeeks).to.be.closeTo(w, 0.3));

  const dates: [string, number][] = [
    ['since 1 March', weeksSince(2025, 3, 1)],
    ['Since the 1st of March.', weeksSince(2025, 3, 1)],
    ['since the 3rd of March', weeksSince(2025, 3, 3)],
    ['since March 1st', weeksSince(2025, 3, 1)],
    ['since the first of September', weeksSince(2024, 9, 1)],
    ['my first session was on the 15th of October', weeksSince(2024, 10, 15)],
    ['since the start of sept', weeksSince(2024, 9, 1)],
    ['since mid-January', weeksSince(2025, 1, 15)],
    ['since the start of the year', weeksSince(2025, 1, 1)],
    ['since last Christmas', weeksSince(2024, 12, 25)],
    ['since just after halloween', weeksSince(2024, 10, 31)],
    ['since Good Friday', weeksSince(2024, 3, 29)],
    ['since last summer', weeksSince(2024, 7, 1)],
    ['since the end of the summer', weeksSince(2024, 8, 25)],
    ['since last winter', weeksSince(2025, 1, 1)],
    ['since the autumn', weeksSince(2024, 10, 1)],
    ['I only started last week', 1],
    ['started last month', 4.3],
  ];
  for (const [t, w] of dates) it(`"${t}" → ${w.toFixed(1)} weeks`, () => expect(ask('pt_duration', t).ptWeeks).to.be.closeTo(w, 0.3));

  it('a date is not a number of weeks ("since 1 March" is not 1 week)', () => {
    expect(ask('pt_duration', 'since 1 March').ptWeeks).to.be.greaterThan(4);
  });
  it('frequencies and "ago" are not lengths; a question back gives no date', () => {
    expect(a('one a week').weeks).to.equal(null);
    expect(a('it started two months ago').weeks).to.equal(null);
    expect(ask('pt_duration', 'Does it count if I also had PT last year?').ptWeeks).to.equal(undefined);
  });
});

describe('nlu: answers: adherence', () => {
  it('the home exercises decide when sessions and home exercises are both given', () => {
    expect(ask('adherence', 'twice a week at the clinic, and the home exercises most days').adherence).to.equal('high');
    expect(ask('adherence', 'I see the physio once a fortnight, and do the stretches daily').adherence).to.equal('high');
    expect(ask('adherence', 'appointments every week but I only do the home program a couple of times a week').adherence).to.equal('low');
  });
  it('a session frequency alone says nothing about adherence (re-asked)', () => {
    for (const t of ['I go twice a week', 'my appointments are twice a week', 'a couple of times a week at the clinic']) {
      const u = ask('adherence', t);
      expect(u.adherence, t).to.equal(undefined);
      expect(u.outcome, t).to.not.equal('answered');
    }
  });
  it('"never miss", "don\'t skip any", "all of them" are high', () => {
    for (const t of ["I don't skip any", 'never miss', 'all of them', "haven't missed a single one", 'six days out of seven']) {
      expect(ask('adherence', t).adherence, t).to.equal('high');
    }
  });
  it('"half the time" is partial; "barely", "hardly" are low', () => {
    expect(ask('adherence', 'half the time').adherence).to.equal('partial');
    expect(ask('adherence', 'barely').adherence).to.equal('low');
    expect(ask('adherence', 'hardly').adherence).to.equal('low');
    expect(ask('adherence', "not as often as I should, I've skipped more than I've done").adherence).to.equal('low');
  });
  it('a plain "not sure" stays unsure', () => {
    for (const t of ['not sure', 'Not sure really.', "I'm not sure, I don't keep track of it."]) {
      const u = ask('adherence', t);
      expect(u.adherence, t).to.equal(undefined);
      expect(u.outcome, t).to.equal('unsure');
    }
  });
});

describe('nlu: answers: polite negatives', () => {
  const noes = [
    "I'm good", "I'm fine", 'all good thanks', 'thankfully not', 'luckily no', 'fortunately not',
    'I have had no difficulties in that regard', 'nothing of the sort', "can't say I have", "I can't say I have",
    "not that I've noticed", 'I sleep reasonably well, thank you', 'Heavens, no.', "I'm pleased to say it doesn't.",
    'definitely not', "My partner's does, but mine doesn't.", 'my brother was in a crash but I wasn\'t',
  ];
  for (const t of noes) it(`"${t}" → no`, () => expect(a(t).polarity).to.equal('no'));
  it('a polite negative answers a yes/no question with "absent"', () => {
    expect(ask('cancer_history', 'Thankfully not.').findings.cancer_history).to.equal('absent');
    expect(ask('cancer_history', "I'm fine, thanks").findings.cancer_history).to.equal('absent');
  });
  it('"can\'t say" about the answer itself stays unsure', () => {
    expect(a("I don't own a thermometer, so I couldn't say.").polarity).to.equal('unsure');
    expect(a("I don't really know how to describe it, hard to say.").polarity).to.equal('unsure');
  });
  it('a question back is not yes', () => {
    expect(a('is that a bad sign if I have').polarity).to.not.equal('yes');
    expect(a('what if I do').polarity).to.not.equal('yes');
  });
});

describe('nlu: answers: progress', () => {
  const cases: [string, string][] = [
    ['no improvement', 'same'], ['there has been no discernible improvement', 'same'],
    ['neither better nor worse', 'same'], ['No better, no worse.', 'same'], ["hasn't budged", 'same'],
    ['much of a muchness', 'same'], ['some days better, some days worse. Overall I would call it a wash', 'same'],
    ['a touch better', 'better'], ['marginally improved', 'better'], ['going backwards if anything', 'worse'],
    ["can't tell", 'unsure'], ["hard to say, some days are good and some aren't", 'unsure'],
  ];
  for (const [t, p] of cases) it(`"${t}" → ${p}`, () => expect(ask('progress', t).progress).to.equal(p));
  it('"better or worse compared to when?" is a question back', () => {
    const u = ask('progress', 'better or worse compared to when?');
    expect(u.progress).to.equal(undefined);
    expect(u.outcome).to.equal('question');
  });
});
