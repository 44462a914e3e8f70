// The blind corpus played over HTTP as whole conversations, scored as `npm run eval` scores the dev cases.
import type { Knowledge } from '../../src/knowledge/load.js';
import { inBatches, PLAIN_ANSWERS, play, runVignette, type Urgency, type VignetteResult } from '../../scripts/lib/dev-cases.js';
import { SimulatedPatient, type Topic } from '../../scripts/lib/patient.js';
import type { CorpusAnswer, CorpusMessage, CorpusVignette } from '../../scripts/lib/corpus.js';

const RANK: Record<Urgency, number> = { routine: 0, soon: 1, urgent: 2, emergency: 3 };

/** The topic under which the simulated patient answers a question about a finding. */
const TOPIC_OF: Record<string, Topic> = {
  bladder_bowel: 'bladder_bowel', saddle_numbness: 'saddle_numbness', progressive_weakness: 'weakness',
  stable_weakness: 'weakness', major_trauma: 'major_trauma', fever: 'fever', weight_loss: 'weight_loss',
  cancer_history: 'cancer_history', night_pain: 'night_pain', sudden_severe: 'sudden_severe',
  radiating: 'radiating', numbness_tingling: 'numbness_tingling', inflammatory_pattern: 'inflammatory_pattern',
  instability: 'instability', post_surgery: 'post_surgery', self_directed: 'self_directed',
  exercise_pain_or_boredom: 'exercise_pain_or_boredom', therapist_mismatch: 'therapist_mismatch',
  adjacent_areas: 'adjacent_areas', lifestyle: 'lifestyle',
};
/** For a "no", the topic of the question asked. */
const QUESTION_TOPIC: Record<string, Topic> = {
  pain_pattern: 'radiating', night_pain: 'night_pain', onset: 'major_trauma', bladder_bowel: 'bladder_bowel',
  saddle_numbness: 'saddle_numbness', weakness: 'weakness', fever_weight: 'fever', cancer_history: 'cancer_history',
  plan_fit: 'lifestyle',
};

export interface MessageRun {
  item: CorpusMessage;
  /** The reply to the message itself, typed as the opening: 'emergency' (assessment), 'asked' (direct question), or other. */
  sameTurn: 'emergency' | 'asked' | 'other';
  /** The same, with the message typed mid-way through the PT questions. */
  midway: 'emergency' | 'asked' | 'other';
  final: Urgency | 'none';
  ok: boolean;
}

const askedDirect = (reply: string, k: Pick<Knowledge, 'messages'>): boolean => reply.startsWith(k.messages.safetyCheck.slice(0, 30));

/**
 * An emergency message typed as the opening and mid-way; when the bot asks about that finding the patient types
 * the same words again. emergency: the assessment in the same turn, and by the end at the latest; urgent: the
 * final assessment at least urgent; none: no emergency, final at soon or below.
 */
export async function runMessage(url: string, m: CorpusMessage, k: Pick<Knowledge, 'messages'>): Promise<MessageRun> {
  const topic = m.finding && m.expect !== 'none' ? TOPIC_OF[m.finding] : undefined;
  const answers = topic ? { ...PLAIN_ANSWERS, [topic]: m.text } : PLAIN_ANSWERS;
  const opening = await play(url, new SimulatedPatient(answers), m.text);
  const first = opening.firstReplies.join('\n');
  const sameTurn = opening.emergencyAtTurn === 1 ? 'emergency' : askedDirect(first, k) ? 'asked' : 'other';
  const final = opening.triage?.urgency ?? 'none';
  let midway: MessageRun['midway'] = 'other';
  let ok: boolean;
  if (m.expect === 'emergency') {
    const mid = await play(url, new SimulatedPatient(answers), 'hi', { inject: { atTurn: 2, text: m.text } });
    midway = mid.emergencyAtTurn === 3 ? 'emergency' : mid.repliesAt[3]?.some((t) => askedDirect(t, k)) ? 'asked' : 'other';
    ok = final === 'emergency' && mid.triage?.urgency === 'emergency';
  } else if (m.expect === 'urgent') {
    ok = final !== 'none' && RANK[final] >= RANK.urgent;
  } else {
    ok = final !== 'none' && RANK[final] <= RANK.soon;
  }
  return { item: m, sameTurn, midway, final, ok };
}

export interface AnswerRun { item: CorpusAnswer; final: Urgency | 'none'; listed: boolean; ok: boolean }

/**
 * A yes or no answer given to its question in a whole conversation (the rest answered plainly): a yes ends at
 * least at its finding's level with the finding listed; a no to a red-flag question ends at soon or below.
 */
export async function runAnswer(url: string, x: CorpusAnswer, k: Pick<Knowledge, 'findings'>): Promise<AnswerRun> {
  const topic = x.expect.answer === 'yes' && x.expect.finding ? TOPIC_OF[x.expect.finding] : QUESTION_TOPIC[x.question];
  const played = await play(url, new SimulatedPatient({ ...PLAIN_ANSWERS, ...(topic ? { [topic]: x.text } : {}) }), 'hi');
  const final = played.triage?.urgency ?? 'none';
  const listed = x.expect.finding ? (played.triage?.findings.some((f) => f.id === x.expect.finding) ?? false) : false;
  let ok: boolean;
  if (x.expect.answer === 'yes') {
    const level = k.findings.get(x.expect.finding as never)?.urgency ?? 'routine';
    ok = final !== 'none' && RANK[final] >= RANK[level] && listed;
  } else {
    ok = final !== 'none' && RANK[final] <= RANK.soon;
  }
  return { item: x, final, listed, ok };
}

/** Answers whose whole-conversation outcome is defined: yes and no to a yes/no question. */
export const playable = (x: CorpusAnswer): boolean => (x.expect.answer === 'yes' || x.expect.answer === 'no') && QUESTION_TOPIC[x.question] !== undefined;

export const runVignettes = (url: string, vs: CorpusVignette[]): Promise<VignetteResult[]> => inBatches(vs, 6, (v) => runVignette(url, v));
