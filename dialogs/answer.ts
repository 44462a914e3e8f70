// Reading the answer to the pending question: "not sure" gets one plain re-ask, a bare "yes" to a question about
// several findings gets "which?", an unreadable answer gets examples, a question back gets why we ask. Never a
// silent guess on a red-flag question: if it stays unclear, its findings are recorded as uncertain.
import { fill, type ClinicInfo } from '../src/render/template.js';
import type { Knowledge } from '../src/knowledge/load.js';
import { choicesFor, matchChoice, questionById, wording } from './form.js';
import { whyWeAsk } from './explain.js';
import type { Reading } from './reading.js';
import { applyAnswer, markUncertain } from './record.js';
import type { Reply } from './replies.js';
import type { Asking, Interview } from './state.js';

/** After this many answers it could not read, the interview moves on. */
const MAX_UNCLEAR = 2;

/** The question asked (again) with the buttons of its mode, after `lead` when given. */
export function ask(asking: Asking, k: Knowledge, text?: string): Reply {
  const q = questionById(k, asking.id);
  return { kind: 'ask', questionId: q.id, text: text ?? wording(q, asking), choices: choicesFor(q, asking.mode, k) };
}

/**
 * Applies the message to the pending question. Returns the reply that asks it again (the state's `asking`
 * updated), or undefined when the question is done with (answered, or given up on).
 */
export function takeAnswer({ answers }: Interview, asking: Asking, reading: Reading, k: Knowledge, clinic: ClinicInfo): Reply | undefined {
  const q = questionById(k, asking.id);
  const m = k.messages;
  const choice = matchChoice(reading.text, choicesFor(q, asking.mode, k));
  if (choice?.finding) {
    applyAnswer(answers, q, { outcome: 'answered', findings: { [choice.finding]: 'present' } });
    return undefined;
  }
  const update = reading.answer(q, asking.unsure > 0, choice?.value);
  applyAnswer(answers, q, update);
  const giveUp = (): undefined => {
    if (q.kind === 'yesno') markUncertain(answers, q);
    return undefined;
  };

  switch (update.outcome) {
    case 'answered':
      return undefined;
    case 'unsure':
      if (asking.unsure > 0) { // still unsure after the plain re-ask: TRIAGE.md rule 2
        markUncertain(answers, q);
        return undefined;
      }
      asking.unsure += 1;
      return ask(asking, k, q.reask);
    case 'which':
      if (asking.mode === 'ask' && q.which) {
        asking.mode = 'which';
        return ask(asking, k);
      }
      // "Yes" again to "which one?": something applies but we cannot tell what; all are recorded as uncertain.
      markUncertain(answers, q);
      return undefined;
    case 'question':
      // "Why do you ask?", "is that bad?": why the question matters, then the question again. It counts as an
      // unclear answer, so a person who keeps asking is not asked the same question for ever.
      asking.unclear += 1;
      if (asking.unclear > MAX_UNCLEAR) return giveUp();
      return ask(asking, k, `${whyWeAsk(k, q, clinic)}\n\n${wording(q, asking)}`);
    case 'unclear':
      if (reading.analysis.findings.length > 0 && asking.unclear === 0) {
        // Not an answer to this question, but it told us something: acknowledge it rather than "didn't get that".
        asking.unclear += 1;
        return ask(asking, k, `${fill(m.noted, clinic)} ${q.text}`);
      }
      asking.unclear += 1;
      if (asking.unclear > MAX_UNCLEAR) return giveUp();
      return ask(asking, k, `${fill(m.didNotUnderstand, clinic)} ${q.examples.map((e) => `"${e}"`).join(', ')}.\n\n${asking.mode === 'which' ? q.which ?? q.reask : q.reask}`);
    default:
      return undefined;
  }
}
