import { z } from 'zod';
import { FINDING_IDS } from './finding-ids.js';

/** The urgency levels of TRIAGE.md, lowest first: the order is used to take the highest. */
export const URGENCY_LEVELS = ['routine', 'soon', 'urgent', 'emergency'] as const;
export const Urgency = z.enum(URGENCY_LEVELS);
export type Urgency = z.infer<typeof Urgency>;

/**
 * Stable finding ids of TRIAGE.md, in its order: the list content/findings.yaml defines, generated from it
 * (finding-ids.ts, `npm run content:ids`) so the code knows them as types. The assessment's channelData uses them.
 */
export { FINDING_IDS };
export const FindingId = z.enum(FINDING_IDS);
export type FindingId = z.infer<typeof FindingId>;

/** present: the person reports it; absent: they deny it; uncertain: still "not sure" after one re-ask. */
export const FindingStatus = z.enum(['present', 'absent', 'uncertain']);
export type FindingStatus = z.infer<typeof FindingStatus>;

/** How much of the PT programme is done: what the person said, in TRIAGE.md's three levels. */
export const Adherence = z.enum(['high', 'partial', 'low']);
export type Adherence = z.infer<typeof Adherence>;

/**
 * The level a number of days a week of home exercise means: 5+ is as prescribed for most home programmes, under 3
 * is low. The one place this rule lives (the matcher reads answers with it, the interview facts told in passing).
 */
export const adherenceFrom = (perWeek: number): Adherence => (perWeek >= 5 ? 'high' : perWeek >= 3 ? 'partial' : 'low');

export const Progress = z.enum(['better', 'same', 'worse', 'unsure']);
export type Progress = z.infer<typeof Progress>;

/** A source is one of the seed articles by file name, or "TRIAGE.md (standard)" for standard screening items. */
export const SourceRef = z.string().regex(/^(\d{3}_[0-9a-f]{16}\.txt|TRIAGE\.md)$/, 'must be a seed file name like 000_0c3453292b9b3cc8.txt or TRIAGE.md');
export type SourceRef = z.infer<typeof SourceRef>;

export const urgencyRank = (u: Urgency): number => URGENCY_LEVELS.indexOf(u);
export const maxUrgency = (a: Urgency, b: Urgency): Urgency => (urgencyRank(a) >= urgencyRank(b) ? a : b);
