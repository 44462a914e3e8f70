// Settings: defaults, one-line errors naming the variable, and the process's behaviour on a bad value.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadSettings, SettingsError } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// tsx by absolute URL: the child runs from an empty folder, where a bare 'tsx' would not resolve.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function settingsError(env: Record<string, string>): SettingsError {
  try {
    loadSettings(env);
  } catch (err) {
    expect(err).to.be.instanceOf(SettingsError);
    return err as SettingsError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

/** Runs src/index.ts with only the given environment (plus PATH), from an empty folder (no .env). */
function runIndex(env: Record<string, string>, signalAfterListening?: NodeJS.Signals) {
  return new Promise<{ code: number | string | null; stdout: string; stderr: string }>((resolve) => {
    const cwd = mkdtempSync(join(tmpdir(), 'second-look-'));
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src/index.ts')], {
      cwd, env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', SQLITE_PATH: join(cwd, 'state.db'), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (signalAfterListening && !signalled && stdout.includes('listening')) {
        signalled = true;
        child.kill(signalAfterListening);
      }
    });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('exit', (code, signal) => resolve({ code: code ?? signal, stdout, stderr }));
  });
}

describe('settings', () => {
  it('has defaults that start the bot with no set-up', () => {
    const s = loadSettings({});
    expect(s).to.include({
      port: 3978, host: '0.0.0.0', microsoftAppType: 'MultiTenant', emergencyNumber: '911', clinicName: 'our clinic',
      storage: 'sqlite', sqlitePath: 'data/second-look.db', conversationTtl: 86400, logLevel: 'info', logTranscripts: false, maxMessageChars: 5000,
    });
    expect(s.microsoftAppId).to.equal(undefined);
    expect(s.clinicPhone).to.be.a('string').that.is.not.empty;
  });

  it('treats an empty value as unset', () => {
    expect(loadSettings({ PORT: '', MicrosoftAppId: '' })).to.include({ port: 3978, microsoftAppId: undefined });
  });

  for (const [variable, value] of [
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '-1'], ['EMERGENCY_NUMBER', 'call an ambulance'],
    ['EMERGENCY_NUMBER', '9-1-1 now'], ['LOG_LEVEL', 'verbose'], ['LOG_TRANSCRIPTS', 'maybe'],
    ['MAX_MESSAGE_CHARS', '0'], ['STORAGE', 'floppy'], ['MicrosoftAppType', 'Personal'], ['CONVERSATION_TTL', '1h'],
    ['UNAUTHENTICATED_FROM', '10.0.0.0/33'], ['UNAUTHENTICATED_FROM', 'lab.example'], ['UNAUTHENTICATED_FROM', '10.0.0.0/8,fd00::/129'],
    ['UNAUTHENTICATED_FROM', '10.0.0/8'], ['RATE_LIMIT_PER_CHANNEL_ADDRESS', '0'],
  ] as const) {
    it(`a bad ${variable} (${JSON.stringify(value)}) gives one line naming it`, () => {
      const err = settingsError({ [variable]: value });
      expect(err.message).to.not.include('\n');
      expect(err.message).to.include(variable);
      expect(err.variable).to.equal(variable);
    });
  }

  it('UNAUTHENTICATED_FROM takes IPv4 and IPv6 ranges (a bare address is one host) and names a bad one', () => {
    expect(loadSettings({}).unauthenticatedFrom).to.deep.equal([]);
    expect(loadSettings({ UNAUTHENTICATED_FROM: ' 10.0.0.0/8, FD00::/8 ,192.168.1.20' }).unauthenticatedFrom)
      .to.deep.equal(['10.0.0.0/8', 'fd00::/8', '192.168.1.20/32']);
    const err = settingsError({ UNAUTHENTICATED_FROM: '10.0.0.0/8,fd00::/200' });
    expect(err.message).to.equal('Invalid setting UNAUTHENTICATED_FROM: must be address ranges (CIDR) like 10.0.0.0/8,fd00::/8, '
      + 'comma-separated: "fd00::/200" is not one (got "10.0.0.0/8,fd00::/200")');
  });

  it('RATE_LIMIT_PER_CHANNEL_ADDRESS defaults to 20,000 a minute', () => {
    expect(loadSettings({}).rateLimitPerChannelAddress).to.equal(20_000);
  });

  it('SingleTenant needs MicrosoftAppTenantId', () => {
    const err = settingsError({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw', MicrosoftAppType: 'SingleTenant' });
    expect(err.variable).to.equal('MicrosoftAppTenantId');
  });

  it('a MicrosoftAppId needs a password, and the password is never echoed', () => {
    expect(settingsError({ MicrosoftAppId: 'id' }).variable).to.equal('MicrosoftAppPassword');
    const err = settingsError({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'hunter2', MicrosoftAppType: 'UserAssignedMSI' });
    expect(err.message).to.not.include('hunter2');
  });

  it('reads a .env file when asked, and real variables win over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'second-look-env-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'CLINIC_NAME="Test Clinic"\nEMERGENCY_NUMBER=112\n');
    const saved = { CLINIC_NAME: process.env.CLINIC_NAME, EMERGENCY_NUMBER: process.env.EMERGENCY_NUMBER };
    try {
      process.env.EMERGENCY_NUMBER = '999';
      delete process.env.CLINIC_NAME;
      const s = loadSettings(process.env, { envFile: file });
      expect(s.clinicName).to.equal('Test Clinic');
      expect(s.emergencyNumber).to.equal('999');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });

  it('the process exits 1 with one clear line on stderr for a bad PORT', async () => {
    const { code, stderr } = await runIndex({ PORT: 'abc' });
    expect(code).to.equal(1);
    const lines = stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include('PORT');
  });

  it('the process exits 1 with one clear line on stderr for a bad EMERGENCY_NUMBER', async () => {
    const { code, stderr } = await runIndex({ EMERGENCY_NUMBER: 'help' });
    expect(code).to.equal(1);
    const lines = stderr.trim().split('\n');
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include('EMERGENCY_NUMBER');
  });

  /** The start-up line of src/index.ts run with `env`, after which it is stopped with SIGTERM (exit 0). */
  async function startUpLine(env: Record<string, string>): Promise<{ line: Record<string, unknown>; lines: Record<string, unknown>[] }> {
    const { code, stdout, stderr } = await runIndex({ PORT: '0', LOG_LEVEL: 'info', ...env }, 'SIGTERM');
    expect(code, stderr).to.equal(0);
    const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = lines.find((l) => String(l.msg).includes('listening'));
    expect(line, stdout).to.exist;
    return { line: line!, lines: [...lines, ...stderr.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>)] };
  }

  it('the process starts, logs port/auth/storage, and exits 0 on SIGTERM', async function () {
    this.timeout(40_000); // start-up with tsx and the real matcher takes a few seconds
    const { line } = await startUpLine({});
    expect(line).to.include.keys('port', 'authentication', 'storage');
    expect(String(line.authentication)).to.match(/^off/).and.include('loopback only');
  });

  it('the start-up line names the ranges of UNAUTHENTICATED_FROM', async function () {
    this.timeout(40_000);
    const { line } = await startUpLine({ UNAUTHENTICATED_FROM: '10.0.0.0/8,fd00::/8' });
    expect(String(line.authentication)).to.match(/^off/).and.include('loopback and UNAUTHENTICATED_FROM (10.0.0.0/8, fd00::/8)');
  });

  it('the start-up line says authentication is on with MicrosoftAppId, and that UNAUTHENTICATED_FROM is then ignored', async function () {
    this.timeout(40_000);
    const { line, lines } = await startUpLine({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', UNAUTHENTICATED_FROM: '10.0.0.0/8' });
    expect(String(line.authentication)).to.match(/^on/).and.include('Bot Framework token');
    expect(lines.some((l) => String(l.msg).startsWith('UNAUTHENTICATED_FROM is ignored'))).to.equal(true);
  });
});

describe('log', () => {
  const SECRET = 'my bladder has been strange';
  const capture = (transcripts: boolean) => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', transcripts, write: (l) => { lines.push(l); } });
    log.info('turn', { activity: { type: 'message', text: SECRET }, nested: [{ value: { answer: SECRET } }], text: SECRET });
    return lines;
  };

  it('never writes message text while LOG_TRANSCRIPTS is off', () => {
    const lines = capture(false);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.not.include(SECRET);
  });

  it('writes it when LOG_TRANSCRIPTS is on', () => {
    expect(capture(true)[0]).to.include(SECRET);
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => { lines.push(l); } });
    log.info('quiet');
    log.debug('quieter');
    log.warn('loud', { n: 1 });
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0]!)).to.include({ level: 'warn', msg: 'loud', n: 1 });
  });
});
