// What one turn adds to the daily usage counters (src/storage/usage/): counter names to increments, from the
// interview core's result and the state before it. Ids from content only (questions, findings, reasons,
// urgencies), never text or anything that names a person.
import type { interviewTurn } from '../../dialogs/interview.js';
import type { Interview } from '../../dialogs/state.js';
import type { Counts } from '../storage/usage/stats.js';

export function turnCounts(before: Interview, result: ReturnType<typeof interviewTurn>): Counts {
  const counts: Counts = {};
  const add = (name: string) => { counts[name] = (counts[name] ?? 0) + 1; };
  for (const reply of result.replies) {
    if (reply.kind === 'say' && reply.key === 'greeting') add('started');
    // A question reached: its first ask (a re-ask after "not sure", a "which of them?" or its return after a
    // safety question is the same question still). Drop-off after q = reached(q) - reached(the next one).
    if (reply.kind === 'ask' && reply.questionId !== null
      && reply.questionId !== before.asking?.id && reply.questionId !== before.interrupted?.id) add(`reached:${reply.questionId}`);
    if (reply.kind === 'assessment') {
      const a = reply.assessment;
      if (before.lastUrgency === null) add('finished');
      add(`assessment:${a.urgency}`);
      for (const f of a.findings) add(`finding:${f.status}:${f.id}`);
      for (const r of a.reasons) add(`reason:${r.id}`);
    }
  }
  return counts;
}
