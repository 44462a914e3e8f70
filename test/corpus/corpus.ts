// The corpus loader and the matcher-alone scoring live in scripts/lib/corpus.ts (`npm run corpus` uses them too);
// kept here for the suites that import them from test/corpus. The data stays here, in tune/ and sealed/.
export * from '../../scripts/lib/corpus.js';
