import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import type { Messages } from '../knowledge/schemas.js';
import type { Urgency } from '../knowledge/ids.js';
import type { Answers } from '../triage/answers.js';
import type { Assessment } from '../triage/assessment.js';
import { toChannelData } from '../triage/index.js';
import { adaptText, capabilities } from './channel.js';
import { submitCard } from './choices.js';
import { summaryLines } from './summary.js';
import { fill, put, sectionSources, type ClinicInfo } from './template.js';

/** More options than this would bury the important ones; the rest are a glossary question away. */
export const MAX_NEXT_STEPS = 6;

/** The short assessment names at most this many reasons for its level; the rest is on request. */
export const MAX_SHORT_REASONS = 3;

const CARD_STYLE = { emergency: 'attention', urgent: 'attention', soon: 'warning', routine: 'good' } as const;

/** Slack shows no card colour: the levels that need action today lead with a siren or a warning sign. */
const SLACK_MARKER: Record<Urgency, string> = { emergency: ':rotating_light: ', urgent: ':warning: ', soon: '', routine: '' };

/** What a person can do next on the card: the details are in the card itself (collapsible sections). */
const cardFollowUps = (t: Messages['assessmentText']) => [{ title: t.whyButton, text: 'why' }, { title: t.restartButton, text: 'restart' }];

/**
 * Slack and plain text: each button (or typed word) asks for one part of the details (dialogs/after-assessment.ts).
 * The emergency assessment has everything in its one message already.
 */
const textFollowUps = (t: Messages['assessmentText'], urgency: Urgency) => urgency === 'emergency'
  ? cardFollowUps(t)
  : [{ title: t.whyButton, text: 'why' }, { title: t.nextStepsButton, text: 'next steps' }, { title: t.summaryButton, text: 'my summary' },
    { title: t.restartButton, text: 'restart' }];

/** A part of the details: its items, and the sources they come from, named once at the end. */
interface Section { id: string; title: string; items: string[]; sources: string[]; note?: string }

/** The assessment's words, computed once and laid out per channel, so no two channels ever say different things. */
interface Parts {
  urgency: Urgency; label: string; headline: string; action: string; short: string[]; sections: Section[];
  summary: string[]; summaryTitle: string; text: Messages['assessmentText'];
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Each finding with what it may be a sign of (emergency and "why?" alike). */
function findingsSection(a: Assessment, messages: Messages, which: Assessment['findings']): Section | null {
  if (!which.length) return null;
  const t = messages.assessmentText;
  return {
    id: 'basedOn', title: t.basedOn,
    items: which.map((f) => `${capitalise(f.finding.label)}${f.status === 'uncertain' ? ` ${t.youWereNotSure}` : ''}: ${f.finding.why}`),
    sources: which.flatMap((f) => f.finding.sources),
    ...(a.uncertainRaised ? { note: messages.uncertainNote } : {}),
  };
}

function reasonsSection(a: Assessment, messages: Messages): Section | null {
  if (a.urgency === 'emergency' || !a.reasons.length) return null;
  const t = messages.assessmentText;
  return {
    id: 'reasons', title: t.reasons,
    items: a.reasons.map((r) => `${r.title}: ${r.explanation} ${t.whatToDo} ${r.whatToDo}`), sources: a.reasons.flatMap((r) => r.sources),
  };
}

function nextStepsSection(a: Assessment, messages: Messages): Section | null {
  if (a.urgency === 'emergency' || !a.nextSteps.length) return null;
  const steps = a.nextSteps.slice(0, MAX_NEXT_STEPS);
  return {
    id: 'nextSteps', title: messages.assessmentText.nextSteps,
    items: steps.map((s) => `${s.title}: ${s.explanation}`), sources: steps.flatMap((s) => s.sources),
  };
}

/** The details in sections, shared by the card and the text. */
const sections = (a: Assessment, messages: Messages): Section[] =>
  [findingsSection(a, messages, a.findings), reasonsSection(a, messages), nextStepsSection(a, messages)].filter((s): s is Section => s !== null);

/** At most three short reasons for the level: the findings that drove it, then the likely reasons PT has not worked. */
function shortReasons(a: Assessment, t: Messages['assessmentText']): string[] {
  const findings = a.drivers.map((d) => `${capitalise(d.finding.label)}${d.status === 'uncertain' ? ` ${t.youWereNotSure}` : ''}`);
  // A reason that only restates a finding already named ("skipping exercises" / "exercises not done often enough") is left out.
  const named = new Set<string>(a.drivers.map((d) => d.finding.id));
  const reasons = a.urgency === 'emergency' ? [] : a.reasons.filter((r) => !r.when.every((id) => named.has(id))).map((r) => r.title);
  return [...new Set([...findings, ...reasons])].slice(0, MAX_SHORT_REASONS);
}

/** A section as Markdown: its title, its items as "- " bullets, its sources once. */
const sectionText = (s: Section, messages: Pick<Messages, 'sources'>): string =>
  [`**${s.title}**\n${s.items.map((i) => `- ${i}`).join('\n')}`, s.note, sectionSources(s.sources, messages)].filter(Boolean).join('\n\n');

/** The summary as a block that copies cleanly: a Slack quote, or plain lines. */
export function summaryText(title: string, lines: readonly string[], quote: boolean): string {
  return `**${title}**\n${quote ? lines.map((l) => `> ${l}`).join('\n') : `\n${lines.join('\n\n')}`}`;
}

/** The summary as a plain-text file (web/chat.js saves it; nothing is kept on the server). */
const summaryFile = (p: Parts): string => `${p.summaryTitle}\n\n${p.summary.join('\n')}\n`;

/** Hidden until its button is pressed (Action.ToggleVisibility): a part of the details on the card. */
function toggled(id: string, title: string, items: unknown[], visible: boolean): unknown[] {
  const container = { type: 'Container', id, isVisible: visible, spacing: 'Small', items };
  if (visible) return [{ type: 'TextBlock', text: title, weight: 'Bolder', wrap: true, spacing: 'Medium' }, container];
  return [
    { type: 'ActionSet', spacing: 'Medium', actions: [{ type: 'Action.ToggleVisibility', title, targetElements: [id] }] },
    container,
  ];
}

/**
 * Adaptive Card 1.5: a coloured header with the level and action, the short reasons, then each part of the details
 * (and the summary) behind its own button. The emergency card hides nothing: every part shows at once.
 */
function card(p: Parts, messages: Messages, saveSummary: boolean): Attachment {
  const open = p.urgency === 'emergency';
  const body: unknown[] = [{
    type: 'Container', style: CARD_STYLE[p.urgency], bleed: true,
    items: [
      { type: 'TextBlock', text: p.headline, weight: 'Bolder', size: 'Large', wrap: true },
      { type: 'TextBlock', text: put(p.text.urgencyLine, { label: p.label }), wrap: true },
      { type: 'TextBlock', text: p.action, wrap: true, weight: 'Bolder' },
    ],
  }];
  if (!open && p.short.length) {
    body.push({ type: 'TextBlock', text: p.text.mainReasons, wrap: true, spacing: 'Medium' });
    for (const r of p.short) body.push({ type: 'TextBlock', text: `• ${r}`, wrap: true, spacing: 'None' });
  }
  for (const part of p.sections) {
    const items: unknown[] = part.items.map((item) => ({ type: 'TextBlock', text: `• ${item}`, wrap: true, spacing: 'Small' }));
    if (part.note) items.push({ type: 'TextBlock', text: part.note, wrap: true, spacing: 'Small' });
    items.push({ type: 'TextBlock', text: sectionSources(part.sources, messages), wrap: true, spacing: 'Small', size: 'Small' });
    body.push(...toggled(`section-${part.id}`, part.title, items, open));
  }
  const summary: unknown[] = [{ type: 'TextBlock', text: p.summary.join('\n\n'), wrap: true }];
  if (saveSummary) {
    const data = { summary: summaryFile(p), fileName: p.text.summaryFileName };
    summary.push({
      type: 'ActionSet', actions: [
        { type: 'Action.Submit', title: p.text.saveSummary, data: { ...data, summaryAction: 'save' } },
        { type: 'Action.Submit', title: p.text.copySummary, data: { ...data, summaryAction: 'copy', done: p.text.summaryCopied } },
      ],
    });
  }
  body.push(...toggled('section-summary', p.summaryTitle, summary, open));
  return submitCard(cardFollowUps(p.text), body);
}

/** The level and action in words: what notifications and screen readers announce first, on every channel. */
const opening = (p: Parts): string => `**${p.headline}** ${put(p.text.openingUrgency, { label: p.label })}\n\n**${p.action}**`;

/** The short reasons as a list under their lead-in. */
const shortText = (p: Parts): string | null => (p.short.length ? `${p.text.mainReasons}\n${p.short.map((r) => `- ${r}`).join('\n')}` : null);

/** The whole emergency assessment as text: its action first, every part of it in the same message. */
function emergencyText(p: Parts, messages: Messages, quote: boolean): string {
  return [opening(p), ...p.sections.map((s) => sectionText(s, messages)), summaryText(p.summaryTitle, p.summary, quote)].join('\n\n');
}

/**
 * The assessment message: the urgency and action in words, `channelData.triage` (CONTRACT.md), and per channel
 * an Adaptive Card (Web Chat, Emulator, Teams), Slack mrkdwn with buttons, or plain text. Short first: the level,
 * the action and up to three reasons; the details on request (except for an emergency, which hides nothing).
 */
export function assessmentActivity(channelId: string, a: Assessment, answers: Answers, messages: Messages, clinic: ClinicInfo): Partial<Activity> {
  const u = messages.urgency[a.urgency];
  const action = fill(u.action, clinic);
  const p: Parts = {
    urgency: a.urgency, label: u.label, headline: fill(u.headline, clinic), action, short: shortReasons(a, messages.assessmentText),
    sections: sections(a, messages), summary: summaryLines(answers, a, action, messages.summary), summaryTitle: messages.summaryTitle,
    text: messages.assessmentText,
  };
  const channelData = { triage: toChannelData(a, action) };
  const caps = capabilities(channelId);
  const emergency = a.urgency === 'emergency';
  // Card channels: the card says it all; the text is what notifications and screen readers announce first.
  if (caps.cards) return { type: 'message', text: adaptText(channelId, opening(p)), attachments: [card(p, messages, caps.saveSummary)], channelData };
  const slack = caps.markup === 'mrkdwn';
  const text = emergency
    ? emergencyText(p, messages, slack)
    : [opening(p), shortText(p)].filter(Boolean).join('\n\n');
  if (slack) {
    const buttons = textFollowUps(p.text, a.urgency).map((f) => ({ type: 'imBack', title: f.title, value: f.text }));
    return { type: 'message', text: adaptText(channelId, `${SLACK_MARKER[p.urgency]}${text}`), attachments: [CardFactory.heroCard('', undefined, buttons)], channelData };
  }
  return { type: 'message', text: adaptText(channelId, `${text}\n\n${fill(messages.afterAssessment, clinic)}`), channelData };
}

/**
 * "Why this level?" after the assessment: the findings that drove the level with what each may be a sign of, and
 * below the level, the likely reasons PT has not worked yet (Markdown, adapted on send). Sources once per section.
 */
export function whyText(a: Assessment, messages: Messages, clinic: ClinicInfo): string {
  const u = messages.urgency[a.urgency];
  const reasons = reasonsSection(a, messages);
  const intro = a.drivers.length === 0
    ? `${fill(messages.whyIntro, clinic)} ${u.label}: ${messages.assessmentText.noWarningSigns}`
    : `${fill(messages.whyIntro, clinic)} **${u.label}**`;
  const findings = findingsSection(a, messages, a.drivers);
  const drivers = findings
    ? [`${findings.items.map((i) => `- ${i}`).join('\n')}`, findings.note, sectionSources(findings.sources, messages)].filter(Boolean).join('\n\n')
    : null;
  return [drivers ? `${intro}\n${drivers}` : intro, reasons ? sectionText(reasons, messages) : null].filter(Boolean).join('\n\n');
}

/** "Next steps" after the assessment: the options to discuss with a clinician, their sources once. */
export function nextStepsText(a: Assessment, messages: Messages): string {
  const section = nextStepsSection(a, messages);
  return section ? sectionText(section, messages) : messages.assessmentText.noNextSteps;
}

/** "My summary" after the assessment: the summary as a block that copies cleanly (a Slack quote, plain lines elsewhere). */
export function summaryReplyText(channelId: string, a: Assessment, answers: Answers, messages: Messages, clinic: ClinicInfo): string {
  const action = fill(messages.urgency[a.urgency].action, clinic);
  return summaryText(messages.summaryTitle, summaryLines(answers, a, action, messages.summary), capabilities(channelId).markup === 'mrkdwn');
}
