import type { Messages } from '../knowledge/schemas.js';

/** The clinic's details every text may mention; filled into {placeholders} of content/messages.yaml. */
export interface ClinicInfo {
  emergencyNumber: string;
  clinicName: string;
  clinicPhone: string;
}

export function fill(template: string, clinic: ClinicInfo): string {
  return template
    .replaceAll('{emergencyNumber}', clinic.emergencyNumber)
    .replaceAll('{clinicName}', clinic.clinicName)
    .replaceAll('{clinicPhone}', clinic.clinicPhone);
}

/** A content template with its own {placeholders} filled in ({label}, {items}…); unknown ones stay as written. */
export const put = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.hasOwn(values, key) ? String(values[key]) : whole));

/** Source file names read better without the hash: "000_0c34…txt" → "article 000" (messages.sources). */
export function sourceLabel(source: string, words: Messages['sources']): string {
  const m = /^(\d{3})_/.exec(source);
  return m ? put(words.article, { number: m[1]! }) : words.standard;
}

/** "(source: article 000, standard red-flag screening)": each source named once, in the order given. */
export const citeSources = (sources: readonly string[], messages: Pick<Messages, 'sources'>): string =>
  put(messages.sources.cite, { sources: [...new Set(sources.map((s) => sourceLabel(s, messages.sources)))].join(', ') });
