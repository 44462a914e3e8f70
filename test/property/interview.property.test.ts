// Properties of the interview core (fast-check), with no SDK: any sequence of answers ends in an assessment
// within the question budget; an emergency stated in any state gives the emergency assessment in that turn; a
// confirmed restart from any state starts the form again; a turn never changes the state it was given (so a
// turn whose save is refused for a stale eTag leaves the stored conversation as it was).
import { expect } from 'chai';
import fc from 'fast-check';
import { kindOf, message, newInterview, turn } from '../dialogs/core-support.js';
import { sharedKnowledge } from '../dialogs/support.js';
import type { Interview } from '../../dialogs/state.js';

/** Answers a person gives to the questions, readable or not (no requests: those do not move the form on). */
const answer = fc.constantFrom(
  'yes', 'no', 'not sure', 'maybe', 'none of those', 'every day', 'rarely', 'about the same', 'worse', 'better',
  '6 weeks', 'since March', 'hmm', 'the left one', 'it is hard to say', 'some of them', 'sometimes', '',
);
const emergency = fc.constantFrom(
  "I can't control my bladder since yesterday", 'I have gone numb between my legs', 'my legs are getting weaker by the day',
);

/** Where a random conversation has got to: the state after `answers`. */
function after(answers: string[]): Interview {
  let state = turn(newInterview(), { kind: 'start' }).state;
  for (const a of answers) state = turn(state, message(a)).state;
  return state;
}

describe('interview core properties (fast-check)', function () {
  this.timeout(120_000);
  // Each question takes at most: the question, a plain re-ask or "which?", and two unclear answers.
  const budget = () => sharedKnowledge().knowledge.questions.length * 4;

  it('every path ends in an assessment within the question budget', () => {
    fc.assert(fc.property(fc.infiniteStream(answer), (answers) => {
      let state = turn(newInterview(), { kind: 'start' }).state;
      const it = answers[Symbol.iterator]();
      for (let i = 0; i < budget() && !state.assessed; i += 1) state = turn(state, message(it.next().value as string)).state;
      expect(state.assessed, 'assessed within the budget').to.equal(true);
    }), { numRuns: 60 });
  });

  it('an emergency stated in any state gives the emergency assessment in that turn', () => {
    fc.assert(fc.property(fc.array(answer, { maxLength: 30 }), emergency, (answers, statement) => {
      const replies = turn(after(answers), message(statement)).replies.map(kindOf);
      expect(replies).to.include('assessment:emergency');
    }), { numRuns: 60 });
  });

  it('a confirmed restart from any state starts the form again, with nothing kept', () => {
    fc.assert(fc.property(fc.array(answer, { maxLength: 30 }), (answers) => {
      const asked = turn(after(answers), message('start over'));
      expect(asked.replies.map(kindOf)).to.deep.equal(['ask:confirm']);
      const restarted = turn(asked.state, message('yes'));
      expect(restarted.replies.map(kindOf)).to.deep.equal(['say:restart', 'ask:pt_duration']);
      expect(restarted.state.answers).to.deep.equal(newInterview().answers);
    }), { numRuns: 40 });
  });

  it('a turn never changes the state it was given', () => {
    fc.assert(fc.property(fc.array(answer, { maxLength: 30 }), fc.oneof(answer, emergency), (answers, next) => {
      const state = after(answers);
      const copy = structuredClone(state);
      turn(state, message(next));
      expect(state).to.deep.equal(copy);
    }), { numRuns: 40 });
  });
});
