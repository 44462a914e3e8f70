// A simulated patient for the dev cases (../shared/dev-cases/README.md): it reads the bot's question, works out
// which topic(s) it asks about from the words of the question, and answers from the case's answers in free
// text. It never presses buttons, and knows nothing of the bot's internals (no question ids, no channelData).

export type Topic =
  | 'pt_duration' | 'adherence' | 'progress' | 'worsening' | 'radiating' | 'numbness_tingling' | 'saddle_numbness'
  | 'bladder_bowel' | 'weakness' | 'fever' | 'weight_loss' | 'cancer_history' | 'night_pain' | 'major_trauma'
  | 'sudden_severe' | 'inflammatory_pattern' | 'instability' | 'post_surgery' | 'self_directed'
  | 'exercise_pain_or_boredom' | 'therapist_mismatch' | 'adjacent_areas' | 'lifestyle' | 'age';

/** How a reader recognises each topic in a question, by its ordinary words. */
const TOPIC_WORDS: Record<Topic, RegExp> = {
  pt_duration: /\bhow long\b|\bhow many (weeks|months)\b|weeks or months/i,
  adherence: /\bhow often\b|\bhow many days\b|\bkeep up\b|home exercises and sessions/i,
  progress: /\bbetter\b|\bimprov|\bthe same\b|\bprogress/i,
  worsening: /\bworse\b/i,
  radiating: /\bshoots?\b|\bburns?\b.*\bleg\b|down (your|the) leg|leg pain/i,
  numbness_tingling: /\bnumb|\btingl/i,
  saddle_numbness: /\bsaddle\b|\bgroin\b|\bgenitals?\b|between your legs/i,
  bladder_bowel: /\bbladder\b|\bbowels?\b|\bpee(ing)?\b/i,
  weakness: /\bweak/i,
  fever: /\bfever|\bchills\b|\bsweats\b|\bshivery\b/i,
  weight_loss: /\b(lost|losing|lose) weight\b|\bweight (loss|dropping)\b/i,
  cancer_history: /\bcancer\b/i,
  night_pain: /\bwakes? you\b|\bfrom sleep\b|\bnot eased by rest\b/i,
  major_trauma: /\bfall\b|\baccident\b|\bblow\b/i,
  sudden_severe: /\bsudden/i,
  inflammatory_pattern: /\bstiff/i,
  instability: /\bgives? way\b.*\bback\b|\bback gives way\b|\bcatches\b/i,
  post_surgery: /\bsurgery\b|\boperation\b/i,
  self_directed: /\binternet\b|\bonline\b|\byoutube\b/i,
  exercise_pain_or_boredom: /\bbore|\bhard to fit\b|exercises hurt/i,
  therapist_mismatch: /\btherapist'?s? approach\b|doesn't suit you|\bsuit you\b/i,
  adjacent_areas: /\bhip\b/i,
  lifestyle: /\bsitting\b|\bsleep\b.*\bstress\b|\bstress\b/i,
  age: /\bhow old\b|\byour age\b/i,
};

/** A specific topic wins over a general one when a question names both. */
const GENERAL_OF: Partial<Record<Topic, Topic[]>> = {
  saddle_numbness: ['numbness_tingling'],
  worsening: ['progress'],
};

const NEGATIVES = ['no', 'nope', 'not really'];

export function topicsOf(question: string): Topic[] {
  return (Object.keys(TOPIC_WORDS) as Topic[]).filter((t) => TOPIC_WORDS[t].test(question));
}

export class SimulatedPatient {
  private negatives = 0;
  constructor(private readonly answers: Partial<Record<Topic, string>>) {}

  /** What the patient types in reply to `question`. */
  reply(question: string): string {
    let topics = topicsOf(question).filter((t) => this.answers[t] !== undefined);
    for (const t of [...topics]) {
      const general = GENERAL_OF[t];
      if (general) topics = topics.filter((g) => !general.includes(g));
    }
    if (topics.length === 0) return NEGATIVES[this.negatives++ % NEGATIVES.length]!;
    return topics.map((t) => this.answers[t]).join('. ');
  }
}
