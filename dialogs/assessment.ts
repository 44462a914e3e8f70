import type { TurnContext } from 'botbuilder';
import { assessmentActivity } from '../src/render/assessment.js';
import { assess, type Assessment } from '../src/triage/index.js';
import type { DialogServices } from './services.js';
import { SESSION_DEFAULT } from './session.js';

/** What an assessment found, as one comparable value: a later turn that changes it gets a new assessment. */
export const findingsKey = (assessment: Pick<Assessment, 'findings'>): string =>
  assessment.findings.map((f) => `${f.id}:${f.status}`).sort().join(',');

/** Runs the clinical decision on the answers so far and sends the assessment; later turns follow up on it. */
export async function deliverAssessment(ctx: TurnContext, services: DialogServices, prefix?: string): Promise<void> {
  const session = await services.session.get(ctx, SESSION_DEFAULT);
  const assessment = assess(session.answers, services.knowledge);
  const activity = assessmentActivity(ctx.activity.channelId, assessment, session.answers, services.knowledge.messages, services.clinic);
  if (prefix) activity.text = `${prefix}\n\n${activity.text ?? ''}`;
  await ctx.sendActivity(activity);
  session.assessed = true;
  session.lastUrgency = assessment.urgency;
  session.lastFindings = findingsKey(assessment);
}
