// `npm run teams:package` builds the Microsoft Teams app package (to sideload or upload to the Teams admin
// centre): manifest.json from teams/manifest.template.json on the newest manifest schema bundled with
// @microsoft/app-manifest, the bot id from MicrosoftAppId, and the two icons drawn here, zipped together.
//   npm run teams:package                       bot id from MicrosoftAppId (.env or the environment); nothing else
//                                               is read: packaging never needs the app password
//   npm run teams:package -- --app-id <guid>    bot id given here
//   npm run teams:package -- --placeholder      a zero bot id, to check the package without a registration
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import yazl from 'yazl';
import { readEnvFile, SettingsError } from '../src/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMAS = join(ROOT, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams');
export const DEFAULT_OUT = join(ROOT, 'dist/teams/second-look.zip');
export const PLACEHOLDER_APP_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

/** The newest released manifest schema bundled offline ("1.30"); vDevPreview is a preview, not a release. */
export function newestSchemaVersion(): string {
  const versions = readdirSync(SCHEMAS).map((d) => /^v(\d+)\.(\d+)$/.exec(d)).filter((m) => m !== null);
  const newest = versions.sort((a, b) => Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2])).at(-1);
  if (!newest) throw new Error(`no Teams manifest schema found under ${SCHEMAS}`);
  return `${newest[1]}.${newest[2]}`;
}

export const schemaFor = (version: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(SCHEMAS, `v${version}`, 'MicrosoftTeams.schema.json'), 'utf8')) as Record<string, unknown>;

export type Manifest = Record<string, unknown> & { bots: Record<string, unknown>[] };

/** The template with what varies filled in. The Teams app id is the bot's id: one app, one bot. */
export function teamsManifest(appId: string, schemaVersion = newestSchemaVersion()): Manifest {
  const template = JSON.parse(readFileSync(join(ROOT, 'teams/manifest.template.json'), 'utf8')) as Manifest;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  return {
    $schema: `https://developer.microsoft.com/en-us/json-schemas/teams/v${schemaVersion}/MicrosoftTeams.schema.json`,
    manifestVersion: schemaVersion,
    ...template,
    version,
    id: appId,
    bots: template.bots.map((bot) => ({ ...bot, botId: appId })),
  };
}

type Rgba = readonly [number, number, number, number];

/** A vertebral column: five rounded blocks on a gentle curve, in a unit square (0..1). */
function spine(x: number, y: number): boolean {
  for (let i = 0; i < 5; i += 1) {
    const cy = 0.2 + i * 0.15;
    const cx = 0.5 + 0.05 * Math.sin((i - 2) * 0.9);
    const hw = 0.15 + 0.025 * i; // lower vertebrae are wider
    const hh = 0.05;
    const r = 0.035;
    const dx = Math.max(Math.abs(x - cx) - (hw - r), 0);
    const dy = Math.max(Math.abs(y - cy) - (hh - r), 0);
    if (dx * dx + dy * dy <= r * r) return true;
  }
  return false;
}

/** Draws `size`x`size` pixels, 4x4 supersampled so edges are smooth: `fg` where the spine is, `bg` elsewhere. */
function draw(size: number, fg: Rgba, bg: Rgba): Buffer {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < n; sy += 1) for (let sx = 0; sx < n; sx += 1) if (spine((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) hits += 1;
      const t = hits / (n * n);
      const i = (py * size + px) * 4;
      for (let c = 0; c < 4; c += 1) png.data[i + c] = Math.round(fg[c]! * t + bg[c]! * (1 - t));
    }
  }
  return PNG.sync.write(png);
}

/** Teams' two icons: full colour 192x192, and a white outline 32x32 on a transparent background. */
export function drawIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: draw(192, [255, 255, 255, 255], [0x0f, 0x76, 0x6e, 255]),
    outline: draw(32, [255, 255, 255, 255], [255, 255, 255, 0]),
  };
}

export interface BuiltPackage { file: string; manifest: Manifest; icons: { color: Buffer; outline: Buffer } }

/** Validates the manifest against its schema (offline) and writes the zip; throws with every schema error. */
export async function buildTeamsPackage(appId: string, file = DEFAULT_OUT): Promise<BuiltPackage> {
  if (!GUID.test(appId)) throw new Error(`MicrosoftAppId must be a GUID (the Azure Bot's Microsoft App ID), got "${appId}"`);
  const schemaVersion = newestSchemaVersion();
  const manifest = teamsManifest(appId, schemaVersion);
  const errors = await AppManifestUtils.validateAgainstSchema(manifest as never, schemaFor(schemaVersion) as never);
  if (errors.length) throw new Error(`manifest does not match schema v${schemaVersion}:\n${errors.join('\n')}`);
  const icons = drawIcons();
  const zip = new yazl.ZipFile();
  const mtime = new Date('2025-01-01T00:00:00Z'); // fixed, so the same input gives the same zip
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json', { mtime });
  zip.addBuffer(icons.color, 'color.png', { mtime });
  zip.addBuffer(icons.outline, 'outline.png', { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat(chunks));
  return { file, manifest, icons };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const placeholder = args.includes('--placeholder');
  let appId = argValue(args, '--app-id') ?? (placeholder ? PLACEHOLDER_APP_ID : undefined);
  if (!appId) {
    // MicrosoftAppId alone, not the whole settings: their validation asks for the password, which the package
    // does not contain and a packaging step should never hold.
    try {
      readEnvFile('.env');
    } catch (err) {
      if (err instanceof SettingsError) throw new Error(err.message);
      throw err;
    }
    appId = process.env.MicrosoftAppId?.trim() || undefined;
  }
  if (!appId) {
    throw new Error('MicrosoftAppId is not set: set it (in .env or the environment) to the Azure Bot\'s Microsoft App ID, '
      + 'pass --app-id <guid>, or pass --placeholder to build a package for validation only');
  }
  const out = argValue(args, '--out') ?? (placeholder ? DEFAULT_OUT.replace(/\.zip$/, '.placeholder.zip') : DEFAULT_OUT);
  const built = await buildTeamsPackage(appId, out);
  process.stdout.write(`Teams app package: ${built.file} (manifest v${String(built.manifest.manifestVersion)}, bot ${appId})\n`);
  if (placeholder) process.stdout.write('Placeholder bot id: this package validates but cannot reach a bot; do not upload it.\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`teams:package failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
