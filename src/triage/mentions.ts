/**
 * What a mention in free text means for the patient: TRIAGE.md rule 6 (whose, when, and whether) and rule 7
 * (when in doubt, ask at once). The matcher reports the qualifiers; this is the one place that reads them.
 */
import type { FindingId } from '../knowledge/ids.js';
import type { Finding } from '../knowledge/schemas.js';
import type { Judge, MentionStatus, Qualifiers } from '../knowledge/mentions.js';

/** Below this a rule only suggests its finding (a frame half told, "things are different down there"). */
export const SUGGESTS_ONLY = 0.6;

export function judgeMention(findings: ReadonlyMap<FindingId, Pick<Finding, 'urgency' | 'historyCounts' | 'othersCount'>>): Judge {
  return (id: FindingId, q: Qualifiers, confidence: number): MentionStatus => {
    const finding = findings.get(id);
    const emergency = finding?.urgency === 'emergency';
    if ((q.experiencer === 'other' && !finding?.othersCount) || q.figurative) return 'ignored';
    if (q.temporality === 'historical' && !finding?.historyCounts) return 'ignored';
    if (q.negation === 'negated') return q.temporality === 'hypothetical' ? 'ignored' : 'absent';
    // A question or a fear about an emergency sign is never dropped silently: the bot asks about it directly.
    if (q.temporality === 'hypothetical') return emergency ? 'suspected' : 'ignored';
    // Only suggested: an emergency is asked about at once; any finding counts when told in answer to its own question.
    if (confidence < SUGGESTS_ONLY) return 'suspected';
    // "I think", "maybe": still present (safety first).
    return 'present';
  };
}
