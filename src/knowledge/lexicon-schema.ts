import { z } from 'zod';

/** Placeholder: the intent matcher's vocabulary (owned by src/nlu). */
export const LexiconFile = z.object({}).passthrough();
export type Lexicon = z.infer<typeof LexiconFile>;
