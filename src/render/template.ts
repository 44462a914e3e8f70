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

/** A source as people see it: the article's title from content (messages.sources.titles), never its file name. */
export const sourceTitle = (source: string, words: Messages['sources']): string =>
  (Object.hasOwn(words.titles, source) ? words.titles[source]! : source);

/** The sources' titles, each named once, in the order given. */
const titles = (sources: readonly string[], words: Messages['sources']): string =>
  [...new Set(sources.map((s) => sourceTitle(s, words)))].join('; ');

/** "(source: Back pain not responding to physical therapy)": after one explanation, each source named once. */
export const citeSources = (sources: readonly string[], messages: Pick<Messages, 'sources'>): string =>
  put(messages.sources.cite, { sources: titles(sources, messages.sources) });

/** "Sources: …": once at the end of a section of the assessment, for every item in it. */
export const sectionSources = (sources: readonly string[], messages: Pick<Messages, 'sources'>): string =>
  put(messages.sources.section, { sources: titles(sources, messages.sources) });
