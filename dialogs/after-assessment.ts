import type { TurnContext } from 'botbuilder';
import { whyText } from '../src/render/assessment.js';
import { fill } from '../src/render/template.js';
import { assess } from '../src/triage/index.js';
import { urgencyRank } from '../src/knowledge/ids.js';
import { deliverAssessment } from './assessment.js';
import { absorbTurn, handleGlobalIntent } from './interruptions.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT } from './session.js';

/**
 * Turns after the assessment: "why?", a term, help, restart. Anything new the person mentions is still read,
 * and if it raises the urgency (an emergency above all) the assessment is given again at once.
 */
export async function afterAssessment(ctx: TurnContext, services: DialogServices): Promise<void> {
  const { analysis } = await absorbTurn(ctx, services);
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  const assessment = assess(session.answers, services.knowledge);
  const m = services.knowledge.messages;
  if (session.lastUrgency && urgencyRank(assessment.urgency) > urgencyRank(session.lastUrgency)) {
    await deliverAssessment(ctx, services, 'What you just told me changes my assessment.');
    return;
  }
  if (analysis.intent?.name === 'why') {
    await ctx.sendActivity(whyText(assessment, m, services.clinic));
    return;
  }
  if (await handleGlobalIntent(ctx, services, analysis.intent)) return;
  await ctx.sendActivity(fill(m.afterAssessment, services.clinic));
}
