import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Messages } from '../knowledge/schemas.js';
import type { Answers } from '../triage/answers.js';
import type { Assessment } from '../triage/assessment.js';
import { toChannelData } from '../triage/index.js';
import { showsCards } from './channel.js';
import { summaryLines } from './summary.js';
import { citeSources, fill, type ClinicInfo } from './template.js';

/** More options than this would bury the important ones; the rest are a glossary question away. */
export const MAX_NEXT_STEPS = 6;

const CARD_STYLE = { emergency: 'attention', urgent: 'attention', soon: 'warning', routine: 'good' } as const;

interface Section { title: string; items: string[] }

/** The explanation in sections, shared by the text and the card so they never say different things. */
function sections(a: Assessment, messages: Messages): Section[] {
  const out: Section[] = [];
  if (a.findings.length) {
    const items = a.findings.map((f) => `${capitalise(f.finding.label)}${f.status === 'uncertain' ? ' (you were not sure)' : ''}: ${f.finding.why} ${citeSources(f.finding.sources)}`);
    if (a.uncertainRaised) items.push(messages.uncertainNote);
    out.push({ title: 'What this is based on', items });
  }
  if (a.urgency !== 'emergency') {
    if (a.reasons.length) out.push({ title: 'Likely reasons PT has not worked yet', items: a.reasons.map((r) => `${r.title}: ${r.explanation} What to do: ${r.whatToDo} ${citeSources(r.sources)}`) });
    if (a.nextSteps.length) out.push({ title: 'Next steps to discuss with a clinician', items: a.nextSteps.slice(0, MAX_NEXT_STEPS).map((s) => `${s.title}: ${s.explanation} ${citeSources(s.sources)}`) });
  }
  return out;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function card(a: Assessment, headline: string, action: string, parts: Section[], summary: string[], messages: Messages): Attachment {
  const body: unknown[] = [{
    type: 'Container', style: CARD_STYLE[a.urgency], bleed: true,
    items: [
      { type: 'TextBlock', text: headline, weight: 'Bolder', size: 'Large', wrap: true },
      { type: 'TextBlock', text: action, wrap: true, weight: 'Bolder' },
    ],
  }];
  for (const part of parts) {
    body.push({ type: 'TextBlock', text: part.title, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    for (const item of part.items) body.push({ type: 'TextBlock', text: `• ${item}`, wrap: true, spacing: 'Small' });
  }
  body.push({ type: 'TextBlock', text: messages.summaryTitle, weight: 'Bolder', wrap: true, spacing: 'Medium' });
  body.push({ type: 'TextBlock', text: summary.join('\n\n'), wrap: true, isSubtle: true });
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body,
    actions: [
      { type: 'Action.Submit', title: 'Why this level?', data: { text: 'why' } },
      { type: 'Action.Submit', title: 'Start again', data: { text: 'restart' } },
    ],
  });
}

/**
 * The assessment message: the urgency and action in words, the explanation with sources, a summary to copy,
 * `channelData.triage` (CONTRACT.md), and an Adaptive Card where the channel shows cards.
 */
export function assessmentActivity(channelId: string, a: Assessment, answers: Answers, messages: Messages, clinic: ClinicInfo): Partial<Activity> {
  const u = messages.urgency[a.urgency];
  const headline = fill(u.headline, clinic);
  const action = fill(u.action, clinic);
  const parts = sections(a, messages);
  const summary = summaryLines(answers, a, action);
  const opening = `**${headline}** (urgency: ${u.label})\n\n**${action}**`;
  const summaryText = `**${messages.summaryTitle}**\n\n${summary.join('\n\n')}`;
  const channelData = { triage: toChannelData(a, action) };
  if (showsCards(channelId)) {
    return { type: 'message', text: `${opening}\n\n${summaryText}`, attachments: [card(a, headline, action, parts, summary, messages)], channelData };
  }
  const body = parts.map((p) => `**${p.title}**\n${p.items.map((i) => `- ${i}`).join('\n')}`).join('\n\n');
  return { type: 'message', text: [opening, body, summaryText, fill(messages.afterAssessment, clinic)].filter(Boolean).join('\n\n'), channelData };
}

/** "Why?" after the assessment: the findings that drove the level, with their reasons. */
export function whyText(a: Assessment, messages: Messages, clinic: ClinicInfo): string {
  const u = messages.urgency[a.urgency];
  if (a.drivers.length === 0) return `${fill(messages.whyIntro, clinic)} ${u.label}: no warning signs came up in your answers.`;
  const items = a.drivers.map((d) => `- ${capitalise(d.finding.label)}: ${d.finding.why} ${citeSources(d.finding.sources)}`);
  return `${fill(messages.whyIntro, clinic)} **${u.label}**\n${items.join('\n')}${a.uncertainRaised ? `\n\n${messages.uncertainNote}` : ''}`;
}
