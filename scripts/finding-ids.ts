// `npm run content:ids`: writes src/knowledge/finding-ids.ts, the typed list of finding ids, from content/findings.yaml
// (ids and order as there). `--check [contentDir]` only compares, and exits 1 when the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as parseYaml } from 'js-yaml';
import { z } from 'zod';

// Not src/knowledge's loader: it needs the very file this writes.
const TARGET = new URL('../src/knowledge/finding-ids.ts', import.meta.url);
const CONTENT_DIR = fileURLToPath(new URL('../content/', import.meta.url));
const IdsOnly = z.object({ findings: z.array(z.object({ id: z.string().regex(/^[a-z_]+$/) })).min(1) });

const check = process.argv[2] === '--check';
const dir = (check ? process.argv[3] : undefined) ?? CONTENT_DIR;
const ids = IdsOnly.parse(parseYaml(readFileSync(join(dir, 'findings.yaml'), 'utf8'))).findings.map((f) => f.id);
const source = [
  '// Generated from content/findings.yaml by `npm run content:ids`: do not edit. The order is the file\'s (TRIAGE.md\'s).',
  'export const FINDING_IDS = [',
  ...ids.map((id) => `  '${id}',`),
  '] as const;',
  '',
].join('\n');

if (!check) writeFileSync(TARGET, source);
else if (readFileSync(TARGET, 'utf8') !== source) {
  console.error(`src/knowledge/finding-ids.ts does not match ${join(dir, 'findings.yaml')}: run npm run content:ids`);
  process.exit(1);
}
