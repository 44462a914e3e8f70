// The interview core as step tables (message in; reply kinds and question ids out), like BotBuilder's
// DialogTestClient tables, with no SDK in the way: each row is one turn of one conversation.
import { expect } from 'chai';
import { kindOf, message, newInterview, turn } from './core-support.js';
import type { TurnEvent } from '../../dialogs/interview.js';

type Row = [input: string | TurnEvent, replies: string[]];

const START: TurnEvent = { kind: 'start' };

const TABLES: Record<string, Row[]> = {
  'the form: questions in content order, to the assessment': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['10 weeks', ['ask:adherence']],
    ['a few times a week', ['ask:progress']],
    ['about the same', ['ask:pain_pattern']],
    ['no', ['ask:night_pain']],
    ['no', ['ask:onset']],
    ['no', ['ask:bladder_bowel']],
    ['no', ['ask:saddle_numbness']],
    ['no', ['ask:weakness']],
    ['no', ['ask:fever_weight']],
    ['no', ['ask:cancer_history']],
    ['no', ['ask:plan_fit']],
    ['none of those', ['assessment:routine']],
    ['why?', ['why']],
  ],
  'what is known already is not asked again': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['8 weeks of PT, I do the exercises every day, no better', ['ask:pain_pattern']],
  ],
  'asides come back to the pending question': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['help', ['say:help', 'ask:pt_duration']],
    ['what does sciatica mean?', ['say:glossary', 'ask:pt_duration']],
    ['how do I reach the clinic?', ['say:contact', 'ask:pt_duration']],
    ['10 weeks', ['ask:adherence']],
  ],
  'an emergency stated at any turn gives the emergency assessment in that turn': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['10 weeks', ['ask:adherence']],
    ["I've lost control of my bladder since yesterday", ['assessment:emergency']],
  ],
  'a suggested emergency sign gets its direct question, then the interrupted one': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['8 weeks', ['ask:adherence']],
    ['what if I lose control of my bladder?', ['ask:bladder_bowel']],
    ['no', ['ask:adherence']],
  ],
  'not sure gets one plain re-ask, then is recorded as uncertain': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['10 weeks', ['ask:adherence']],
    ['every day', ['ask:progress']],
    ['better', ['ask:pain_pattern']],
    ['no', ['ask:night_pain']],
    ['no', ['ask:onset']],
    ['no', ['ask:bladder_bowel']],
    ['not sure', ['ask:bladder_bowel']],
    ['still not sure', ['ask:saddle_numbness']],
  ],
  'restart and forget-me wait for a yes': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['10 weeks', ['ask:adherence']],
    ['start over', ['ask:confirm']],
    ['no', ['say:carryOn', 'ask:adherence']],
    ['start over', ['ask:confirm']],
    ['yes', ['say:restart', 'ask:pt_duration']],
    ['forget me', ['ask:confirm']],
    ['yes', ['say:forgotten']],
  ],
  'a message with nothing to read, and goodbye': [
    [START, ['say:greeting', 'ask:pt_duration']],
    ['', ['say:emptyMessage', 'ask:pt_duration']],
    ['bye', ['say:goodbye']],
    // After goodbye the next message opens again: a bare duration says nothing about PT, so it is asked for.
    ['10 weeks', ['ask:pt_duration']],
  ],
  'speaking first (no conversationUpdate) greets and reads the message': [
    ['my back still hurts after 6 weeks of physio', ['say:greeting', 'ask:adherence']],
  ],
};

describe('the interview core, step by step (no SDK)', () => {
  for (const [name, rows] of Object.entries(TABLES)) {
    it(name, () => {
      let state = newInterview();
      rows.forEach(([input, expected], i) => {
        const result = turn(state, typeof input === 'string' ? message(input) : input);
        expect(result.replies.map(kindOf), `row ${i + 1}: ${JSON.stringify(input)}`).to.deep.equal(expected);
        state = result.state;
      });
    });
  }

  it('a question back records nothing about the question asked', () => {
    let state = newInterview();
    for (const text of ['8 weeks of PT, every day, no change', 'no', 'no', 'no']) state = turn(state, message(text)).state;
    expect(state.asking?.id).to.equal('bladder_bowel');
    const why = turn(state, message('why do you ask?'));
    expect(why.replies.map(kindOf)).to.deep.equal(['ask:bladder_bowel']);
    expect(why.state.answers.findings.bladder_bowel).to.equal(undefined);
    expect(turn(why.state, message('is that a bad sign?')).state.answers.findings.bladder_bowel).to.equal(undefined);
  });

  it('a forgotten conversation is reported to the shell, with a fresh state', () => {
    let state = newInterview();
    for (const text of ['10 weeks', 'forget me']) state = turn(state, message(text)).state;
    const result = turn(state, message('yes'));
    expect(result.forgotten).to.equal(true);
    expect(result.state).to.deep.equal(newInterview());
  });

  it('never changes the state it was given (a refused save leaves the stored one as it was)', () => {
    const state = turn(newInterview(), { kind: 'start' }).state;
    const copy = structuredClone(state);
    turn(state, message('10 weeks of PT, every day, and I have a fever'));
    expect(state).to.deep.equal(copy);
  });

  it('keeps the state small: under 1 KB of JSON at the end of a whole interview', () => {
    // "Not sure" to everything records every finding the form asks about: the largest answers there are.
    let state = turn(newInterview(), { kind: 'start' }).state;
    for (let i = 0; i < 40 && !state.assessed; i += 1) state = turn(state, message('not sure')).state;
    expect(state.assessed).to.equal(true);
    expect(Buffer.byteLength(JSON.stringify(state))).to.be.below(1024);
  });
});
