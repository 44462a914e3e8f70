import type { TurnContext } from 'botbuilder';
import { whyText } from '../src/render/assessment.js';
import { fill } from '../src/render/template.js';
import { assess } from '../src/triage/index.js';
import { urgencyRank } from '../src/knowledge/ids.js';
import { deliverAssessment, findingsKey } from './assessment.js';
import { absorbTurn, handleGlobalIntent } from './interruptions.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT } from './session.js';

/**
 * Turns after the assessment: "why?", a term, help, restart. Anything new the person mentions is still read,
 * and if it changes the assessment (an emergency above all, or a correction) it is given again at once.
 */
export async function afterAssessment(ctx: TurnContext, services: DialogServices): Promise<void> {
  const { analysis } = await absorbTurn(ctx, services);
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  const assessment = assess(session.answers, services.knowledge);
  const m = services.knowledge.messages;
  const raised = session.lastUrgency !== null && urgencyRank(assessment.urgency) > urgencyRank(session.lastUrgency);
  const changed = assessment.urgency !== session.lastUrgency || findingsKey(assessment) !== session.lastFindings;
  if (raised || (changed && analysis.correcting)) {
    await deliverAssessment(ctx, services, fill(m.assessmentChanged, services.clinic));
    return;
  }
  if (analysis.intent?.name === 'why') {
    await ctx.sendActivity(whyText(assessment, m, services.clinic));
    return;
  }
  if (await handleGlobalIntent(ctx, services, analysis.intent)) return;
  await ctx.sendActivity(fill(m.afterAssessment, services.clinic));
}
