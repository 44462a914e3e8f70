// The interview core driven directly, with no SDK: the real content and matcher, a state in, the replies out.
import { interviewTurn, type TurnEvent, type TurnResult } from '../../dialogs/interview.js';
import type { Reply } from '../../dialogs/replies.js';
import { newInterview, type Interview } from '../../dialogs/state.js';
import { CLINIC, sharedKnowledge } from './support.js';

export const reading = (text: string) => sharedKnowledge().matcher.read(text);

export const message = (text: string): TurnEvent => ({ kind: 'message', reading: text ? reading(text) : null, attachment: false, truncated: false });

export function turn(state: Interview, event: TurnEvent): TurnResult {
  return interviewTurn(state, event, { knowledge: sharedKnowledge().knowledge, clinic: CLINIC });
}

/** A reply as a table cell: "say:help", "ask:adherence", "ask:confirm", "assessment:urgent", "why", "nextSteps", "summary". */
export function kindOf(r: Reply): string {
  switch (r.kind) {
    case 'say': return `say:${r.key}`;
    case 'ask': return `ask:${r.questionId ?? 'confirm'}`;
    case 'assessment': return `assessment:${r.assessment.urgency}`;
    case 'why': return 'why';
    case 'nextSteps': return 'nextSteps';
    case 'summary': return 'summary';
  }
}

export { newInterview };
