import { z } from 'zod';
import { Adherence, FindingId, Progress, SourceRef, Urgency } from './ids.js';

const Text = z.string().trim().min(1);
const Sources = z.array(SourceRef).min(1);

/** One TRIAGE.md finding: what it is, why it matters, and where that comes from. */
export const Finding = z.object({
  id: FindingId,
  urgency: Urgency,
  label: Text,            // short lay label, e.g. "loss of bladder or bowel control"
  why: Text,              // what it may be a sign of (never a diagnosis)
  sources: Sources,
  /** TRIAGE.md rule 6's exception: the patient's own history counts however long ago (cancer). */
  historyCounts: z.boolean().default(false),
  /** The finding is about someone else by nature ("she rushes me": the therapist), so another person counts. */
  othersCount: z.boolean().default(false),
});
export type Finding = z.infer<typeof Finding>;
export const FindingsFile = z.object({ findings: z.array(Finding).min(1) });

/**
 * A question the bot asks. `kind` tells the answer interpreter what to expect:
 * yesno (one or more findings a "yes" may establish), duration (weeks of PT), frequency (adherence),
 * progress (better/same/worse). `asks` are the findings a negative answer rules out.
 */
export const QuestionKind = z.enum(['duration', 'frequency', 'progress', 'yesno']);
export const Question = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  /** One of the file's `stages`: the interview asks stage by stage, in the file's order. */
  stage: z.string().regex(/^[a-z_]+$/),
  kind: QuestionKind,
  text: Text,
  reask: Text,            // plain-language re-ask after "not sure" or an unclear answer
  examples: z.array(Text).min(1), // example answers shown when the bot did not understand
  asks: z.array(FindingId).default([]),
  /**
   * Buttons. For duration/frequency/progress questions they are shown with the question; for yes/no questions
   * (which get Yes / No / Not sure) they are shown with the `which` follow-up. A choice naming a `finding`
   * records that finding as present when picked.
   */
  choices: z.array(z.object({ title: Text, value: Text, finding: FindingId.optional() })).optional(),
  /** For a yes/no question about several findings: the follow-up after a bare "yes". */
  which: Text.optional(),
  /** Why the question matters, for "why do you ask?"; without it the asked findings' own "why" is used. */
  why: z.object({ text: Text, sources: Sources }).optional(),
});
export type Question = z.infer<typeof Question>;
/**
 * A part of the interview. `alsoAsks`: questions of later stages that ask a finding of one of these urgencies are
 * asked here instead (the red flags come before the programme questions, whichever stage names them).
 */
export const Stage = z.object({ id: z.string().regex(/^[a-z_]+$/), alsoAsks: z.array(Urgency).default([]) });
export type Stage = z.infer<typeof Stage>;
export const QuestionsFile = z.object({ stages: z.array(Stage).min(1), questions: z.array(Question).min(1) }).superRefine((file, ctx) => {
  const stages = new Set(file.stages.map((s) => s.id));
  file.questions.forEach((q, i) => {
    if (!stages.has(q.stage)) ctx.addIssue({ code: 'custom', path: ['questions', i, 'stage'], message: `unknown stage ${q.stage} (stages: ${[...stages].join(', ')})` });
  });
});

/** A likely reason PT has not worked yet, shown when one of its findings is present. */
export const Reason = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  title: Text,
  explanation: Text,
  whatToDo: Text,
  when: z.array(FindingId).min(1),
  sources: Sources,
});
export type Reason = z.infer<typeof Reason>;
export const ReasonsFile = z.object({ reasons: z.array(Reason).min(1) });

/** An option to discuss with a clinician. Chosen by findings present, or by the urgency reached. */
export const NextStep = z.object({
  id: z.string().regex(/^[a-z_]+$/),
  title: Text,
  explanation: Text,
  when: z.object({
    findings: z.array(FindingId).default([]),
    urgency: z.array(Urgency).default([]),
  }),
  sources: Sources,
});
export type NextStep = z.infer<typeof NextStep>;
export const NextStepsFile = z.object({ nextSteps: z.array(NextStep).min(1) });

export const GlossaryEntry = z.object({
  term: Text,
  aliases: z.array(Text).default([]),
  definition: Text,
  sources: Sources,
});
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;
export const GlossaryFile = z.object({ glossary: z.array(GlossaryEntry).min(1) });

/** The clinic page's own texts around the chat (web/index.html), filled in by src/server/web/page.ts. */
export const PageText = z.object({
  subtitle: Text,
  chatLabel: Text,        // the chat region's accessible name
  connecting: Text,
  startOver: Text,        // the button that ends this conversation and starts a new one
  conversationEnded: Text, // the earlier conversation is gone (expired or ended): a new one has started
  callEmergency: Text,    // the emergency banner's call link
  connectError: Text,
  connectErrorHelp: Text, // {emergencyNumber} becomes a call link
});

/** The bot's own texts. Placeholders: {clinicName}, {clinicPhone}, {emergencyNumber}. */
export const UrgencyText = z.object({ label: Text, headline: Text, action: Text });
export const Messages = z.object({
  greeting: Text,
  disclaimer: Text,
  help: Text,
  didNotUnderstand: Text,
  restart: Text,
  goodbye: Text,
  contact: Text,
  unknownTerm: Text,
  afterAssessment: Text,
  whyIntro: Text,
  emptyMessage: Text,
  attachmentOnly: Text,
  turnError: Text,
  forgotten: Text,
  whyWeAsk: Text,         // "why do you ask?" during a question: {why} is the question's or its finding's reason
  safetyCheck: Text,      // before the direct question for an emergency sign a message suggested
  confirmRestart: Text,   // restart and forget-me are confirmed with buttons before anything is cleared
  confirmForget: Text,
  confirmYes: Text,
  confirmNo: Text,
  carryOn: Text,          // the person said no to clearing
  changeAnswer: Text,     // "I want to change my answer"
  assessmentChanged: Text, // a later message changed the assessment already given
  concurrentTurn: Text,   // two turns of one conversation raced and this one's answers were not kept
  noted: Text,
  longMessage: Text,      // the message was cut to MAX_MESSAGE_CHARS
  otherLanguage: Text,    // a message in another language: we work in English for now
  urgency: z.object({ emergency: UrgencyText, urgent: UrgencyText, soon: UrgencyText, routine: UrgencyText }),
  uncertainNote: Text,     // why an unsure answer to a red-flag question still raises the urgency
  summaryTitle: Text,
  assessmentText: z.object({
    basedOn: Text, reasons: Text, nextSteps: Text, youWereNotSure: Text, whatToDo: Text,
    urgencyLine: Text, openingUrgency: Text, noWarningSigns: Text, whyButton: Text, restartButton: Text,
    mainReasons: Text, nextStepsButton: Text, summaryButton: Text, noNextSteps: Text,
    saveSummary: Text, copySummary: Text, summaryCopied: Text,
    summaryFileName: z.string().regex(/^[a-z0-9][a-z0-9-]*\.txt$/, 'must be a plain file name ending in .txt'),
  }),
  summary: z.object({
    reported: Text, ptFor: Text, oneWeek: Text, weeks: Text, months: Text, exercises: Text, progress: Text,
    adherence: z.record(Adherence, Text),
    progressLevels: z.record(Progress, Text),
    findings: Text, unsure: Text, noFindings: Text, urgency: Text,
  }),
  /**
   * Where an explanation comes from: {sources} joined, each named by its title. `titles` is the one mapping from
   * a source file name (as content cites it, and as channelData.triage.sources keeps it) to the title people see.
   */
  sources: z.object({ cite: Text, section: Text, titles: z.record(SourceRef, Text) }),
  updated: Text,           // a conversation in flight when a new version started: it starts again, with an apology
  /** The buttons under yes/no questions and their "which?" follow-ups. */
  choices: z.object({ yes: Text, no: Text, notSure: Text, noneOfThese: Text, someApply: Text }),
  page: PageText,
  /** The staff page (/staff, src/server/staff.ts): {from} and {to} are days (YYYY-MM-DD). */
  staff: z.object({
    title: Text, intro: Text, tokenLabel: Text, signIn: Text, started: Text, finished: Text,
    assessmentsCaption: Text, dropOffCaption: Text, findingsCaption: Text, reasonsCaption: Text,
    day: Text, question: Text, reached: Text, leftHere: Text, finding: Text, reason: Text, assessments: Text,
    uncertain: Text, fewerThanFive: Text, none: Text,
  }),
});
export type Messages = z.infer<typeof Messages>;
export const MessagesFile = z.object({ messages: Messages });
