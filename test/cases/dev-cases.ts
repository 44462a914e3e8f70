// The dev-case harness lives in scripts/lib/dev-cases.ts (the bench, the soak and `npm run eval` use it too);
// kept here for the suites that import it from test/cases.
export * from '../../scripts/lib/dev-cases.js';
