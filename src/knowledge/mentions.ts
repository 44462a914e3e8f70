import type { FindingId } from './ids.js';

/**
 * A finding mentioned in free text: the matcher reports its qualifiers, triage judges what they mean
 * (src/triage/mentions.ts). Both read these types, so they are defined here.
 */

/** ConText qualifiers of one mention: what the words say about it, before anyone decides what it means. */
export interface Qualifiers {
  /** negated: "no fever"; possible: "I think", "maybe", "might be nothing but". */
  negation: 'affirmed' | 'negated' | 'possible';
  experiencer: 'patient' | 'other';
  /** historical: long past and over; hypothetical: asked about, feared, "what if". */
  temporality: 'current' | 'historical' | 'hypothetical';
  /** "numb with shock", "legs like jelly after the gym". */
  figurative: boolean;
}

/**
 * What a mention means for the patient, as triage judges it from the qualifiers: present, absent, suspected (an
 * emergency the words suggest without stating it: ask at once), or ignored (someone else's, long past, a
 * question, a figure of speech).
 */
export type MentionStatus = 'present' | 'absent' | 'suspected' | 'ignored';
export type Judge = (id: FindingId, q: Qualifiers, confidence: number) => MentionStatus;
