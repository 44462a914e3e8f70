// `npm run teams:package`: the manifest matches the newest bundled Teams schema (offline), the icons have the
// sizes Teams requires, and the zip holds exactly the manifest and the two icons.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { expect } from 'chai';
import { PNG } from 'pngjs';
import { buildTeamsPackage, newestSchemaVersion, schemaFor, type BuiltPackage } from '../../scripts/teams-package.js';

const APP_ID = '6d1e3f0a-2b4c-4d5e-8f90-1a2b3c4d5e6f';

/** File names in a zip, from its central directory (signature PK\x01\x02; the name follows 46 bytes of header). */
function zipEntries(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.indexOf('PK\x01\x02'); i >= 0; i = zip.indexOf('PK\x01\x02', i + 4)) {
    const nameLength = zip.readUInt16LE(i + 28);
    names.push(zip.subarray(i + 46, i + 46 + nameLength).toString('utf8'));
  }
  return names;
}

const validate = (manifest: unknown, version: string) => AppManifestUtils.validateAgainstSchema(manifest as never, schemaFor(version) as never);

describe('Teams app package', function () {
  this.timeout(20_000);
  let dir: string;
  let built: BuiltPackage;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'teams-package-'));
    built = await buildTeamsPackage(APP_ID, join(dir, 'second-look.zip'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the newest released schema bundled offline, and the manifest matches it', async () => {
    const version = newestSchemaVersion();
    expect(version).to.match(/^1\.\d+$/);
    expect(Number(version.split('.')[1])).to.be.at.least(19);
    expect(built.manifest.manifestVersion).to.equal(version);
    expect(await validate(built.manifest, version)).to.deep.equal([]);
  });

  it('the schema check catches a broken manifest', async () => {
    const broken = { ...built.manifest, bots: [{ ...built.manifest.bots[0], scopes: ['everyone'] }], accentColor: 'teal' };
    const errors = await validate(broken, newestSchemaVersion());
    expect(errors.join('\n')).to.include('/bots/0/scopes/0').and.include('/accentColor');
  });

  it('is a personal-scope bot with the registered id and help and restart commands', () => {
    const bot = built.manifest.bots[0]!;
    expect(built.manifest.id).to.equal(APP_ID);
    expect(bot.botId).to.equal(APP_ID);
    expect(bot.scopes).to.deep.equal(['personal']);
    const commands = (bot.commandLists as { commands: { title: string }[] }[]).flatMap((l) => l.commands.map((c) => c.title));
    expect(commands).to.include.members(['help', 'restart']);
  });

  it('has a 192x192 colour icon and a 32x32 white-on-transparent outline icon', () => {
    const color = PNG.sync.read(built.icons.color);
    expect([color.width, color.height]).to.deep.equal([192, 192]);
    expect(color.data[3], 'colour icon is opaque').to.equal(255);
    const outline = PNG.sync.read(built.icons.outline);
    expect([outline.width, outline.height]).to.deep.equal([32, 32]);
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3] === 0) continue;
      drawn += 1;
      expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]], 'outline pixels are white').to.deep.equal([255, 255, 255]);
    }
    expect(drawn, 'something is drawn').to.be.greaterThan(50);
    expect(outline.data[3], 'the corner is transparent').to.equal(0);
  });

  it('zips exactly manifest.json and the two icons it names', () => {
    const zip = readFileSync(built.file);
    expect(zipEntries(zip).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    expect(built.manifest.icons).to.deep.equal({ color: 'color.png', outline: 'outline.png' });
  });

  it('refuses a bot id that is not a GUID', async () => {
    let error: Error | undefined;
    try { await buildTeamsPackage('my-bot', join(dir, 'bad.zip')); } catch (err) { error = err as Error; }
    expect(error?.message).to.match(/MicrosoftAppId must be a GUID/);
  });

  const script = fileURLToPath(new URL('../../scripts/teams-package.ts', import.meta.url));
  /** Runs `npm run teams:package`'s script from `cwd` with only PATH and `env` in the environment. */
  const runScript = (args: string[], env: Record<string, string>, cwd: string) => promisify(execFile)(process.execPath,
    ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, script, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd });

  it('npm run teams:package without MicrosoftAppId fails with a clear line', async () => {
    // From an empty folder (no .env) with only PATH in the environment.
    let failure: { code?: number; stderr?: string } | undefined;
    try {
      await runScript(['--out', join(dir, 'none.zip')], {}, dir);
    } catch (err) { failure = err as { code?: number; stderr?: string }; }
    expect(failure?.code).to.equal(1);
    expect(failure?.stderr).to.match(/MicrosoftAppId is not set/).and.match(/--placeholder/);
  });

  it('npm run teams:package needs only MicrosoftAppId: no password in the environment', async () => {
    const out = join(dir, 'env-only.zip');
    const { stdout } = await runScript(['--out', out], { MicrosoftAppId: APP_ID }, dir);
    expect(stdout).to.include(`Teams app package: ${out}`).and.include(`bot ${APP_ID}`);
    expect(zipEntries(readFileSync(out)).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
  });

  it('npm run teams:package needs only MicrosoftAppId: a .env that holds nothing else (and a setting the bot would refuse)', async () => {
    const folder = mkdtempSync(join(dir, 'dotenv-'));
    // A real .env of a clinic still setting up: the id, no password yet, a port the bot would not start with.
    writeFileSync(join(folder, '.env'), `MicrosoftAppId=${APP_ID}\nMicrosoftAppPassword=\nPORT=not-a-port\n`);
    const out = join(folder, 'second-look.zip');
    const { stdout } = await runScript(['--out', out], {}, folder);
    expect(stdout).to.include(`bot ${APP_ID}`);
    expect(zipEntries(readFileSync(out)).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
  });
});
