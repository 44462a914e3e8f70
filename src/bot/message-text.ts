// The text of a message: typed text, or a card submit's `value` ({text} or {answer}), as Teams and Adaptive Cards
// send it. Empty when there is nothing to read.
import type { Activity } from 'botbuilder';

export function messageText(activity: Partial<Activity>): string {
  const text = typeof activity.text === 'string' ? activity.text.trim() : '';
  if (text) return text;
  const value: unknown = activity.value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    for (const key of ['text', 'answer', 'value']) if (typeof v[key] === 'string' && (v[key] as string).trim()) return (v[key] as string).trim();
  }
  return typeof value === 'string' ? value.trim() : '';
}
