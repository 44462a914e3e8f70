// `npm run content:check`: validates content/ exactly as start-up does, and names the file and field at fault.
import { ContentError, DEFAULT_CONTENT_DIR, loadKnowledge } from '../src/knowledge/load.js';

const dir = process.argv[2] ?? DEFAULT_CONTENT_DIR;
try {
  const k = loadKnowledge(dir);
  console.log(`content ok: ${k.findings.size} findings, ${k.questions.length} questions, ${k.reasons.length} reasons, ${k.nextSteps.length} next steps, ${k.glossary.length} glossary terms`);
} catch (err) {
  console.error(err instanceof ContentError ? err.message : err);
  process.exit(1);
}
