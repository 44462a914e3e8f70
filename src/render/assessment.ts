import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Messages } from '../knowledge/schemas.js';
import type { Urgency } from '../knowledge/ids.js';
import type { Answers } from '../triage/answers.js';
import type { Assessment } from '../triage/assessment.js';
import { toChannelData } from '../triage/index.js';
import { adaptText, capabilities } from './channel.js';
import { submitCard } from './choices.js';
import { summaryLines } from './summary.js';
import { citeSources, fill, put, type ClinicInfo } from './template.js';

/** More options than this would bury the important ones; the rest are a glossary question away. */
export const MAX_NEXT_STEPS = 6;

const CARD_STYLE = { emergency: 'attention', urgent: 'attention', soon: 'warning', routine: 'good' } as const;

/** Slack shows no card colour: the levels that need action today lead with a siren or a warning sign. */
const SLACK_MARKER: Record<Urgency, string> = { emergency: ':rotating_light: ', urgent: ':warning: ', soon: '', routine: '' };

/** What a person can do next, as card buttons (cards) or Slack buttons; plain channels read messages.afterAssessment. */
const followUps = (t: Messages['assessmentText']) => [{ title: t.whyButton, text: 'why' }, { title: t.restartButton, text: 'restart' }];

interface Section { title: string; items: string[] }

/** The assessment's words, computed once and laid out per channel, so no two channels ever say different things. */
interface Parts {
  urgency: Urgency; label: string; headline: string; action: string; sections: Section[]; summary: string[]; summaryTitle: string;
  text: Messages['assessmentText'];
}

/** The explanation in sections, shared by the text and the card. */
function sections(a: Assessment, messages: Messages): Section[] {
  const out: Section[] = [];
  const t = messages.assessmentText;
  if (a.findings.length) {
    const items = a.findings.map((f) => `${capitalise(f.finding.label)}${f.status === 'uncertain' ? ` ${t.youWereNotSure}` : ''}: ${f.finding.why} ${citeSources(f.finding.sources, messages)}`);
    if (a.uncertainRaised) items.push(messages.uncertainNote);
    out.push({ title: t.basedOn, items });
  }
  if (a.urgency !== 'emergency') {
    if (a.reasons.length) out.push({ title: t.reasons, items: a.reasons.map((r) => `${r.title}: ${r.explanation} ${t.whatToDo} ${r.whatToDo} ${citeSources(r.sources, messages)}`) });
    if (a.nextSteps.length) out.push({ title: t.nextSteps, items: a.nextSteps.slice(0, MAX_NEXT_STEPS).map((s) => `${s.title}: ${s.explanation} ${citeSources(s.sources, messages)}`) });
  }
  return out;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Adaptive Card 1.5: a coloured header with the level and action, the sections, the summary, and follow-up buttons. */
function card(p: Parts): Attachment {
  const body: unknown[] = [{
    type: 'Container', style: CARD_STYLE[p.urgency], bleed: true,
    items: [
      { type: 'TextBlock', text: p.headline, weight: 'Bolder', size: 'Large', wrap: true },
      { type: 'TextBlock', text: put(p.text.urgencyLine, { label: p.label }), wrap: true },
      { type: 'TextBlock', text: p.action, wrap: true, weight: 'Bolder' },
    ],
  }];
  for (const part of p.sections) {
    body.push({ type: 'TextBlock', text: part.title, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    for (const item of part.items) body.push({ type: 'TextBlock', text: `• ${item}`, wrap: true, spacing: 'Small' });
  }
  body.push({ type: 'TextBlock', text: p.summaryTitle, weight: 'Bolder', wrap: true, spacing: 'Medium' });
  body.push({ type: 'TextBlock', text: p.summary.join('\n\n'), wrap: true, isSubtle: true });
  return submitCard(followUps(p.text), body);
}

/** The whole assessment as text, in Markdown: Slack and plain channels get it converted by adaptText. */
function fullText(p: Parts, opening: string, afterAssessment: string | null, quote: boolean): string {
  const body = p.sections.map((s) => `**${s.title}**\n${s.items.map((i) => `- ${i}`).join('\n')}`);
  const summary = p.summary.map((l) => (quote ? `> ${l}` : l)).join(quote ? '\n' : '\n\n');
  return [opening, ...body, `**${p.summaryTitle}**\n${quote ? '' : '\n'}${summary}`, afterAssessment].filter(Boolean).join('\n\n');
}

/**
 * The assessment message: the urgency and action in words, `channelData.triage` (CONTRACT.md), and per channel
 * an Adaptive Card (Web Chat, Emulator, Teams), Slack mrkdwn with buttons, or plain text.
 */
export function assessmentActivity(channelId: string, a: Assessment, answers: Answers, messages: Messages, clinic: ClinicInfo): Partial<Activity> {
  const u = messages.urgency[a.urgency];
  const action = fill(u.action, clinic);
  const p: Parts = {
    urgency: a.urgency, label: u.label, headline: fill(u.headline, clinic), action,
    sections: sections(a, messages), summary: summaryLines(answers, a, action, messages.summary), summaryTitle: messages.summaryTitle,
    text: messages.assessmentText,
  };
  const channelData = { triage: toChannelData(a, action) };
  const caps = capabilities(channelId);
  const opening = `**${p.headline}** ${put(p.text.openingUrgency, { label: p.label })}\n\n**${p.action}**`;
  // Card channels: the card says it all; the text is what notifications and screen readers announce first.
  if (caps.cards) return { type: 'message', text: adaptText(channelId, opening), attachments: [card(p)], channelData };
  if (caps.markup === 'mrkdwn') {
    const text = fullText(p, `${SLACK_MARKER[p.urgency]}${opening}`, null, true);
    const buttons = followUps(p.text).map((f) => ({ type: 'imBack', title: f.title, value: f.text }));
    return { type: 'message', text: adaptText(channelId, text), attachments: [CardFactory.heroCard('', undefined, buttons)], channelData };
  }
  return { type: 'message', text: adaptText(channelId, fullText(p, opening, fill(messages.afterAssessment, clinic), false)), channelData };
}

/** "Why?" after the assessment: the findings that drove the level, with their reasons (Markdown, adapted on send). */
export function whyText(a: Assessment, messages: Messages, clinic: ClinicInfo): string {
  const u = messages.urgency[a.urgency];
  if (a.drivers.length === 0) return `${fill(messages.whyIntro, clinic)} ${u.label}: ${messages.assessmentText.noWarningSigns}`;
  const items = a.drivers.map((d) => `- ${capitalise(d.finding.label)}: ${d.finding.why} ${citeSources(d.finding.sources, messages)}`);
  return `${fill(messages.whyIntro, clinic)} **${u.label}**\n${items.join('\n')}${a.uncertainRaised ? `\n\n${messages.uncertainNote}` : ''}`;
}
