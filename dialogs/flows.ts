// The four question flows of a triage conversation, each a ComponentDialog over content/questions.yaml.
import type { Question } from '../src/knowledge/schemas.js';
import type { Knowledge } from '../src/knowledge/load.js';
import { QuestionSetDialog } from './question-set-dialog.js';
import type { DialogServices } from './services.js';

export const ADHERENCE_DIALOG = 'adherence';
export const PAIN_PATTERN_DIALOG = 'painPattern';
export const RED_FLAGS_DIALOG = 'redFlags';
export const PROGRAMME_DIALOG = 'programme';

/** How long PT has gone on, how it is kept up, and what progress is noticed. */
export class AdherenceDialog extends QuestionSetDialog {
  constructor(services: DialogServices) { super(ADHERENCE_DIALOG, services, (q) => q.stage === 'pt'); }
}

/** Where the pain goes, night pain, and how it started. */
export class PainPatternDialog extends QuestionSetDialog {
  constructor(services: DialogServices) { super(PAIN_PATTERN_DIALOG, services, (q) => q.stage === 'pattern'); }
}

/** Every emergency and urgent finding not yet answered, whichever flow its question belongs to. */
export class RedFlagsDialog extends QuestionSetDialog {
  constructor(services: DialogServices) {
    super(RED_FLAGS_DIALOG, services, (q) => q.stage === 'redflag' || asksRedFlag(q, services.knowledge));
  }
}

/** What may be holding the programme back: surgery, who designed it, fit, adjacent joints, lifestyle. */
export class ProgrammeDialog extends QuestionSetDialog {
  constructor(services: DialogServices) { super(PROGRAMME_DIALOG, services, (q) => q.stage === 'plan'); }
}

function asksRedFlag(q: Question, knowledge: Pick<Knowledge, 'findings'>): boolean {
  return q.asks.some((id) => {
    const u = knowledge.findings.get(id)?.urgency;
    return u === 'emergency' || u === 'urgent';
  });
}
