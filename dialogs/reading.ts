// The matcher's reading of one message, as the interview receives it: read once by the shell; the interview
// asks it for the message as an answer to the pending question.
import type { Question } from '../src/knowledge/schemas.js';
import type { Analysis, AnswerUpdate } from '../src/nlu/types.js';

export interface Reading {
  text: string;
  analysis: Analysis;
  /** The message, or a button's value, read as an answer to `question`; `final`: the plain re-ask was made. */
  answer(question: Question, final: boolean, value?: string): AnswerUpdate;
}
