/**
 * Numbers in answers: how long PT has gone on (weeks) and how often exercises are done (days per week).
 * Handles digits and words, ranges ("6 or 7 weeks" → 6.5), "a couple of weeks", "half a year", "a month and a
 * half", and dates counted back from today: "since mid-January", "since the 3rd of March", "since last summer",
 * "since Easter", "started last week". Frequencies attached to clinic sessions ("twice a week at the clinic")
 * are told apart from the home exercises' frequency, which is what adherence is about.
 */
import type { Lexicon } from '../knowledge/lexicon-schema.js';
import type { Normaliser } from './normalise.js';
import { PhraseSet, type Token } from './phrases.js';

const DAY_MS = 86400000;

/** Articles and possessives only (lexicon grammar.answerFillers): in answers "some", "all", "half" are the answer itself. */
export const answerFillers = (lex: Lexicon, fillers: ReadonlySet<string>): ReadonlySet<string> =>
  new Set(lex.grammar.answerFillers.filter((w) => fillers.has(w)));

/** The lexicon's small words as sets, for the readers' token tests. */
export function wordSets(lex: Lexicon) {
  const n = lex.numbers;
  const g = lex.grammar;
  return {
    range: new Set(n.rangeWords), per: new Set(n.perWords), count: new Set(n.countWords), clause: new Set(n.clauseWords),
    dateStart: new Set(n.dateStartWords), ordinal: new Set(n.ordinalSuffixes), times: new Set(n.timesWords),
    sessions: new Set(n.sessionNouns), datePrepositions: new Set(n.datePrepositions),
    questionOpeners: new Set(g.questionOpeners), auxiliaries: new Set(g.auxiliaries), pronouns: new Set(g.pronouns),
  };
}

/** A message whose first two words are these opens like a question: "what if…", "do you…", "is it…". */
export const opensQuestion = (w: ReturnType<typeof wordSets>, first: string, second: string): boolean =>
  w.questionOpeners.has(first) || (w.auxiliaries.has(first) && w.pronouns.has(second));

type PeriodPart = Lexicon['numbers']['periodParts'][string];

export type FrequencyTopic = 'session' | 'home' | null;
/** A frequency in a message: days per week, its tokens, and whether it is about sessions or home exercises. */
export interface FrequencyMention { perWeek: number; start: number; end: number; topic: FrequencyTopic }

interface DateRead { date: Date; start: number; end: number }

/** Easter Sunday (Gregorian computus). */
function easter(year: number): Date {
  const a = year % 19, b = Math.floor(year / 100), c = year % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(year, month - 1, day);
}

export class NumberReader {
  private readonly words: ReadonlyMap<string, number>;
  private readonly units: ReadonlyMap<string, number>;
  private readonly freq: PhraseSet<number>;
  private readonly months = new Map<string, number>();
  private readonly seasons: ReadonlyMap<string, number>;
  private readonly holidays: PhraseSet<string>;
  private readonly topics: PhraseSet<'session' | 'home'>;

  private readonly startWords: ReadonlySet<string>;
  private readonly startSubjects: ReadonlySet<string>;

  private readonly w: ReturnType<typeof wordSets>;
  /** Days a week for once a unit: "once a fortnight" 0.5, "once a month" 0.23. */
  private readonly perUnitDays: ReadonlyMap<string, number>;
  private readonly periodParts: ReadonlyMap<string, PeriodPart>;

  constructor(private readonly lex: Lexicon, fillers: ReadonlySet<string>, norm: Normaliser, private readonly now: () => Date) {
    const few = answerFillers(lex, fillers);
    this.w = wordSets(lex);
    const n = lex.numbers;
    this.perUnitDays = new Map(n.frequencyUnits.map((u) => [u, 1 / n.durationUnits[u]!]));
    this.periodParts = new Map(Object.entries(n.periodParts));
    this.startWords = new Set(lex.numbers.startWords);
    this.startSubjects = new Set(lex.numbers.startSubjects);
    this.words = new Map(Object.entries(lex.numbers.words));
    this.units = new Map(Object.entries(lex.numbers.durationUnits));
    this.freq = new PhraseSet<number>(few, norm);
    for (const [phrase, n] of Object.entries(lex.numbers.frequencies)) this.freq.add(n, phrase);
    // Each month entry is its name, then other names for it: "september sept sep".
    lex.numbers.months.forEach((names, i) => { for (const n of names.split(/\s+/)) if (n) this.months.set(n, i); });
    this.seasons = new Map(Object.entries(lex.numbers.seasons).map(([s, m]) => [s, m - 1]));
    this.holidays = new PhraseSet<string>(few, norm);
    for (const [phrase, when] of Object.entries(lex.numbers.holidays)) this.holidays.add(when, phrase);
    this.topics = new PhraseSet<'session' | 'home'>(few, norm)
      .addAll('session', lex.adherence.sessionWords).addAll('home', lex.adherence.homeWords);
  }

  /** A number at token i (digits or a number word), or null. "twenty one" is read whole. */
  value(toks: readonly Token[], i: number): number | null {
    const w = toks[i]?.w;
    if (w === undefined) return null;
    if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
    const v = this.words.get(w);
    if (v === undefined) return null;
    const before = this.words.get(toks[i - 1]?.w ?? '');
    if (v > 0 && v < 10 && Number.isInteger(v) && before !== undefined && before >= 20 && before < 100 && before % 10 === 0) return before + v;
    return v;
  }

  /** The number ending at token `end` (inclusive), with ranges and "and a half": [value, first index]. */
  private numberBefore(toks: readonly Token[], end: number): [number, number] | null {
    let j = end;
    if (toks[j]?.w === 'of') j -= 1;                    // "a couple of weeks"
    if (toks[j]?.w === 'half' && toks[j - 1]?.w === 'a' && toks[j - 2]?.w === 'and') {
      const base = this.numberBefore(toks, j - 3);         // "one and a half months"
      return base ? [base[0] + 0.5, base[1]] : null;
    }
    const v = this.value(toks, j);
    if (v === null) return null;
    let start = j;
    let value = v;
    if ((toks[j]?.w === 'a' || toks[j]?.w === 'an') && toks[j - 1]?.w === 'half') return [0.5, j - 1]; // "half a year"
    if ((toks[j]?.w === 'couple' || toks[j]?.w === 'few') && toks[j - 1]?.w === 'a') start = j - 1;
    const sep = toks[start - 1]?.w;
    if (sep !== undefined && this.w.range.has(sep)) {
      const lo = this.value(toks, start - 2);
      if (lo !== null && lo < value) { value = (lo + value) / 2; start -= 2; }
    }
    return [value, start];
  }

  /** Is the unit at u part of a frequency ("3 days a week", "one a week", "every week") rather than a length? */
  private isFrequencyUnit(toks: readonly Token[], u: number): boolean {
    const next = toks[u + 1]?.w;
    if (next !== undefined && this.w.per.has(next) && this.perUnitDays.has(toks[u + 2]?.w ?? '')) return true;
    const prev = toks[u - 1]?.w ?? '';
    if (prev === 'a' || prev === 'an') {
      const w = toks[u - 2]?.w ?? '';
      if (this.w.count.has(w) || this.w.times.has(w)) return true;
      if (toks[u - 2] && !toks[u - 2]!.b && this.value(toks, u - 2) !== null && w !== 'half') return true; // "one a week"
      return false;
    }
    return this.w.per.has(prev); // "every week", "per month"
  }

  /** "(I) started 3 weeks ago": the person started (PT), not "it started", which is the pain. */
  private startedBefore(toks: readonly Token[], u: number): boolean {
    for (let i = Math.max(0, u - 5); i < u; i += 1) {
      if (!this.startWords.has(toks[i]!.w)) continue;
      const before = toks[i - 1];
      if (before === undefined || before.b || this.startSubjects.has(before.w)) return true;
    }
    return false;
  }

  /** Weeks of PT mentioned, or null. Durations ending in "ago" are dates, not lengths. */
  weeks(toks: readonly Token[]): number | null {
    for (let u = 0; u < toks.length; u += 1) {
      const perUnit = this.units.get(toks[u]!.w);
      if (perUnit === undefined) continue;
      // "3 weeks ago" is a date, unless it is when PT started ("started 3 weeks ago").
      if (toks[u + 1]?.w === 'ago' && !this.startedBefore(toks, u)) continue;
      if (this.isFrequencyUnit(toks, u)) continue;
      const n = this.numberBefore(toks, u - 1);
      if (!n) continue;
      let value = n[0];
      // "a month and a half"
      if (toks[u + 1]?.w === 'and' && toks[u + 2]?.w === 'a' && toks[u + 3]?.w === 'half') value += 0.5;
      const weeks = value * perUnit;
      if (weeks > 0 && weeks < 1000) return Math.round(weeks * 10) / 10;
    }
    // "Does it count if I also had PT last year?": a question back gives no date.
    const first = toks.find((t) => !t.b)?.w ?? '';
    if (opensQuestion(this.w, first, toks.find((t, i) => i > 0 && !t.b)?.w ?? '')) return null;
    return this.sinceDate(toks) ?? this.sessionCount(toks);
  }

  /** "ten sessions so far, one a week": the number of sessions over their frequency. */
  private sessionCount(toks: readonly Token[]): number | null {
    for (let i = 1; i < toks.length; i += 1) {
      if (!this.w.sessions.has(toks[i]!.w)) continue;
      const n = this.value(toks, i - 1);
      if (n === null || n < 2 || n > 100) continue;
      const f = this.frequencies(toks).find((m) => m.start > i || m.end < i);
      if (!f || f.perWeek <= 0 || f.perWeek > 7) return null;
      return Math.round((n / f.perWeek) * 10) / 10;
    }
    return null;
  }

  /** A date the message counts from, as weeks to today: the one after "since"/"started", else the first. */
  private sinceDate(toks: readonly Token[]): number | null {
    const found: DateRead[] = [];
    for (let i = 0; i < toks.length; i += 1) {
      const d = this.dateAt(toks, i);
      if (d) { found.push(d); i = d.end - 1; }
    }
    if (found.length === 0) return null;
    const started = found.find((d) => toks.slice(Math.max(0, d.start - 4), d.start).some((t) => this.w.dateStart.has(t.w)));
    const pick = started ?? found[0]!;
    const weeks = (this.now().getTime() - pick.date.getTime()) / (7 * DAY_MS);
    if (weeks < 0 || weeks > 1000) return null;
    return Math.round(weeks * 10) / 10;
  }

  /** The latest occurrence of month/day that is not after today (minus `slackDays`). */
  private latest(month: number, day: number, slackDays = 0, year?: number): Date {
    const now = this.now();
    if (year !== undefined) return new Date(year, month, day);
    let d = new Date(now.getFullYear(), month, day);
    if (d.getTime() > now.getTime() - slackDays * DAY_MS) d = new Date(now.getFullYear() - 1, month, day);
    return d;
  }

  private yearAt(toks: readonly Token[], i: number): number | undefined {
    const w = toks[i]?.w ?? '';
    return /^(19|20)\d\d$/.test(w) ? Number(w) : undefined;
  }

  /** A day of the month at i: "15", "15th", "fifteenth", "the 3rd": [day, next index]. */
  private dayAt(toks: readonly Token[], i: number): [number, number] | null {
    let j = i;
    if (toks[j]?.w === 'the') j += 1;
    const v = this.value(toks, j);
    if (v === null || !Number.isInteger(v) || v < 1 || v > 31) return null;
    const w = toks[j]!.w;
    if (w === 'a' || w === 'an' || this.w.times.has(w)) return null; // "a week", "twice": never a day of the month
    j += 1;
    if (this.w.ordinal.has(toks[j]?.w ?? '')) j += 1;
    return [v, j];
  }

  /** A date expression starting at token i, or null. */
  private dateAt(toks: readonly Token[], i: number): DateRead | null {
    const now = this.now();
    let j = i;
    if (toks[j]?.w === 'the') j += 1;
    const part = this.periodParts.get(toks[j]?.w ?? '') ?? null;
    if (part) {
      j += 1;
      if (toks[j]?.w === 'of') j += 1;
      if (toks[j]?.w === 'the' || toks[j]?.w === 'this') j += 1;
    }
    let last = false;
    if (toks[j]?.w === 'last' || toks[j]?.w === 'past') {
      last = true; j += 1;
      if (toks[j]?.w === 'past') j += 1;              // "this past summer"
    }
    const w = toks[j]?.w ?? '';
    // A named day: "Easter", "Christmas", "Labor Day", "Halloween".
    const h = this.holidays.longest(toks, j, Math.min(toks.length, j + 4))[0];
    if (h && h.start === j) return { date: this.holiday(h.label), start: i, end: h.end };
    // A season: "last summer", "the end of the summer", "the start of winter".
    const season = this.seasons.get(w);
    if (season !== undefined && (w !== 'fall' || last)) {
      return { date: this.seasonDate(season, part?.seasonMonth ?? 1, part?.seasonDay ?? 1, last), start: i, end: j + 1 };
    }
    // "since the start of the year / month"
    if (part && (w === 'year' || w === 'month')) {
      const { seasonMonth: m, seasonDay: day } = part;
      const d = w === 'year' ? new Date(now.getFullYear(), m * 5 + (day > 20 ? 1 : 0), 1)
        : new Date(now.getFullYear(), now.getMonth(), m === 0 ? day : m === 1 ? 15 : 25);
      return d <= now ? { date: d, start: i, end: j + 1 } : null;
    }
    // "last week", "last month", "last year", "last Tuesday"
    if (last && !part) {
      const unit = this.units.get(w);
      if (unit !== undefined && !/s$/.test(w)) return { date: new Date(now.getTime() - unit * 7 * DAY_MS), start: i, end: j + 1 };
      const wd = this.lex.numbers.weekdays.indexOf(w);
      if (wd >= 0) return { date: new Date(now.getTime() - (((now.getDay() - wd + 7) % 7) + 7) * DAY_MS), start: i, end: j + 1 };
      return null;
    }
    // A month, with an optional day before or after it: "March", "1 March", "the 3rd of March", "March 1st".
    let day: number | null = null;
    let m = this.months.get(w);
    let k = j + 1;
    if (m === undefined && !last) {
      const dm = this.dayAt(toks, j);
      if (!dm) return null;
      let q = dm[1];
      if (toks[q]?.w === 'of') q += 1;
      m = this.months.get(toks[q]?.w ?? '');
      if (m === undefined) return null;
      day = dm[0]; k = q + 1;
    } else if (m !== undefined) {
      // "may" is a month only where a date is expected.
      const before = toks[i - 1]?.w ?? '';
      if (w === 'may' && !(part || last || this.w.dateStart.has(before) || this.w.datePrepositions.has(before))) return null;
      const dm = this.dayAt(toks, k);
      if (dm && dm[0] <= 31 && !this.units.has(toks[dm[1]]?.w ?? '')) { day = dm[0]; k = dm[1]; }
    } else return null;
    const year = this.yearAt(toks, k);
    if (year !== undefined) k += 1;
    const d = day ?? part?.monthDay ?? 1;
    return { date: this.latest(m, d, 0, year), start: i, end: k };
  }

  /** A named day's latest date: "MM-DD", or "easter" with an optional day offset ("easter-2"). */
  private holiday(when: string): Date {
    const now = this.now();
    const e = /^easter([+-]\d+)?$/.exec(when);
    if (e) {
      const off = Number(e[1] ?? 0);
      let d = easter(now.getFullYear());
      d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + off);
      if (d > now) { const p = easter(now.getFullYear() - 1); d = new Date(p.getFullYear(), p.getMonth(), p.getDate() + off); }
      return d;
    }
    const [mm, dd] = when.split('-').map(Number);
    return this.latest(mm! - 1, dd!);
  }

  /**
   * A season's date (meteorological seasons, northern hemisphere: summer starts in June). `off`/`day`: the part of
   * the season (start, middle, end). "last" summer is the latest one that is over. A season said as current that
   * is only starting now in the north ("since the start of winter" on 1 December) is a southern one.
   */
  private seasonDate(startMonth: number, off: number, day: number, last: boolean): Date {
    const now = this.now();
    const at = (y: number, m0: number) => new Date(y, m0 + off, day);
    if (last) {
      let y = now.getFullYear();
      while (new Date(y, startMonth + 3, 1) > now) y -= 1;     // the whole season is over
      return at(y, startMonth);
    }
    const thisYear = at(now.getFullYear(), startMonth);
    const seasonStart = new Date(now.getFullYear(), startMonth, 1);
    if (Math.abs(seasonStart.getTime() - now.getTime()) < 14 * DAY_MS) {
      const south = at(now.getFullYear(), startMonth - 6);
      if (south <= now) return south;
    }
    return thisYear <= now ? thisYear : at(now.getFullYear() - 1, startMonth);
  }

  /** Is this token a place where a clause ends, for the purpose of a frequency's topic? */
  private clauseEdge(t: Token | undefined): boolean {
    return t === undefined || t.b || this.w.clause.has(t.w);
  }

  /** Whether the frequency at [start, end) is about sessions, home exercises or neither: the nearest topic word in its clause. */
  private topicOf(toks: readonly Token[], start: number, end: number): FrequencyTopic {
    let a = start;
    while (a > 0 && !this.clauseEdge(toks[a - 1])) a -= 1;
    let b = end;
    while (b < toks.length && !this.clauseEdge(toks[b])) b += 1;
    let best: FrequencyTopic = null;
    let bestDist = Infinity;
    for (const m of this.topics.longest(toks, a, b)) {
      if (m.start < end && m.end > start) continue;
      const dist = m.start >= end ? m.start - end : start - m.end;
      if (dist < bestDist || (dist === bestDist && m.label === 'home')) { best = m.label; bestDist = dist; }
    }
    return best;
  }

  /** Every frequency in the message, left to right. */
  frequencies(toks: readonly Token[]): FrequencyMention[] {
    const out: { perWeek: number; start: number; end: number }[] = [];
    for (let u = 0; u < toks.length; u += 1) {
      const unit = toks[u]!.w;
      const days = this.perUnitDays.get(unit);
      if (days !== undefined && this.w.per.has(toks[u - 1]?.w ?? '')) {
        let j = u - 2;
        if (this.w.count.has(toks[j]?.w ?? '')) j -= 1;
        const n = this.numberBefore(toks, j);
        if (n && n[0] > 0) {
          const v = days >= 7 ? 7 : n[0] * days;                 // "twice a day": every day
          if (v <= 7) { out.push({ perWeek: Math.round(v * 100) / 100, start: n[1], end: u + 1 }); continue; }
        }
      }
      // "six days out of seven", "5 out of 7 days"
      if (/^(seven|7)$/.test(unit) && toks[u - 1]?.w === 'of') {
        let j = u - 2;
        if (toks[j]?.w === 'out') j -= 1;
        if (/^days?$|^times$/.test(toks[j]?.w ?? '')) j -= 1;
        const n = this.value(toks, j);
        if (n !== null && n >= 0 && n <= 7 && j < u - 2) {
          const end = /^days?$/.test(toks[u + 1]?.w ?? '') ? u + 2 : u + 1;
          out.push({ perWeek: n, start: j, end });
        }
      }
    }
    for (const m of this.freq.longest(toks)) {
      if (out.some((o) => m.start < o.end && m.end > o.start)) continue;
      out.push({ perWeek: m.label, start: m.start, end: m.end });
    }
    return out.sort((x, y) => x.start - y.start).map((o) => ({ ...o, topic: this.topicOf(toks, o.start, o.end) }));
  }

  /**
   * Days per week of home exercise, or null. A frequency about clinic sessions ("I go twice a week") is not
   * the home exercises': when both are given the home one decides, and sessions alone say nothing.
   */
  perWeek(toks: readonly Token[]): number | null {
    const fs = this.frequencies(toks);
    const pick = fs.find((f) => f.topic === 'home') ?? fs.find((f) => f.topic === null);
    return pick ? pick.perWeek : null;
  }

  /** A frequency is said about the home exercises by name ("exercises most days"), not just any ("stiff every morning"). */
  aboutExercises(toks: readonly Token[]): boolean {
    return this.frequencies(toks).some((f) => f.topic === 'home');
  }
}
