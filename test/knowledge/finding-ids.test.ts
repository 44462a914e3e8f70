import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONTENT_DIR } from '../../src/knowledge/load.js';

const checkIds = (dir?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/finding-ids.ts', '--check', ...(dir ? [dir] : [])], { encoding: 'utf8' });

describe('finding ids', () => {
  it('src/knowledge/finding-ids.ts is generated from content/findings.yaml as it is now', () => {
    const run = checkIds();
    expect(run.stderr).to.equal('');
    expect(run.status).to.equal(0);
  });

  it('a finding added to findings.yaml without regenerating fails the check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'content-'));
    try {
      cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
      const file = join(dir, 'findings.yaml');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n  - id: new_finding\n    urgency: soon\n    label: x\n    why: y\n    sources: [TRIAGE.md]\n`);
      const run = checkIds(dir);
      expect(run.status).to.equal(1);
      expect(run.stderr).to.contain('npm run content:ids');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
