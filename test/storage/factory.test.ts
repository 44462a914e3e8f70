// The factory builds each store from settings, and a store that cannot be used stops start-up with one
// line naming the setting to fix (never a secret). Cosmos DB cannot be reached from here: only its wiring.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CosmosDbPartitionedStorage } from 'botbuilder-azure';
import { loadSettings, SettingsError } from '../../src/config.js';
import { createCosmosStorage } from '../../src/storage/cosmos.js';
import { createStorage, sqliteFile } from '../../src/storage/factory.js';
import { TtlMemoryStorage } from '../../src/storage/memory.js';
import { SqliteStorage } from '../../src/storage/sqlite.js';
import { StorageError } from '../../src/storage/store.js';
import { freePort } from '../../scripts/lib/ports.js';
import { backend, quietLog } from './stores.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const COSMOS = {
  STORAGE: 'cosmos',
  COSMOS_DB_ENDPOINT: 'https://second-look-test.documents.azure.com:443/',
  COSMOS_DB_AUTH_KEY: 'bm90LWEtcmVhbC1rZXk=',
  COSMOS_DB_DATABASE_ID: 'second-look',
  COSMOS_DB_CONTAINER_ID: 'conversations',
};

async function refusal(p: Promise<unknown>): Promise<StorageError> {
  try { await p; } catch (err) {
    expect(err).to.be.instanceOf(StorageError);
    return err as StorageError;
  }
  throw new Error('expected a StorageError');
}

function settingsError(env: Record<string, string>): SettingsError {
  try { loadSettings(env); } catch (err) {
    expect(err).to.be.instanceOf(SettingsError);
    return err as SettingsError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('storage factory', () => {
  it('defaults to SQLite in data/ under the package folder, whatever the working folder', () => {
    const s = loadSettings({});
    expect(s.storage).to.equal('sqlite');
    expect(sqliteFile(s.sqlitePath)).to.equal(join(ROOT, 'data', 'second-look.db'));
    expect(sqliteFile('/var/lib/x.db')).to.equal('/var/lib/x.db');
  });

  it('builds memory and SQLite stores (creating the folder and file)', async () => {
    const memory = await createStorage(loadSettings({ STORAGE: 'memory' }));
    expect(memory).to.be.instanceOf(TtlMemoryStorage);
    const where = await backend('sqlite');
    const sqlite = await where.open();
    try {
      expect(sqlite).to.be.instanceOf(SqliteStorage);
      expect((sqlite as SqliteStorage).path).to.equal(where.env.SQLITE_PATH);
    } finally {
      await sqlite.close();
      await where.dispose();
    }
  });

  it('an SQLite path that cannot be written gives one line naming SQLITE_PATH', async () => {
    // A folder cannot be made under a regular file, even as root.
    const err = await refusal(createStorage(loadSettings({ SQLITE_PATH: join(ROOT, 'package.json', 'x.db') })));
    expect(err.variable).to.equal('SQLITE_PATH');
    expect(err.message).to.include('package.json').and.not.include('\n');
  });

  it('an unreachable Redis gives one line naming REDIS_URL, without its password', async () => {
    const port = await freePort();
    const url = `redis://:hunter2@127.0.0.1:${port}`;
    const err = await refusal(createStorage(loadSettings({ STORAGE: 'redis', REDIS_URL: url }), quietLog()));
    expect(err.variable).to.equal('REDIS_URL');
    expect(err.message).to.include(String(port)).and.not.include('hunter2');
  });

  it('a REDIS_URL that is not a redis:// URL is refused, without echoing it', () => {
    const err = settingsError({ STORAGE: 'redis', REDIS_URL: 'http://:hunter2@cache' });
    expect(err.variable).to.equal('REDIS_URL');
    expect(err.message).to.not.include('hunter2');
  });

  it('builds botbuilder-azure CosmosDbPartitionedStorage from the COSMOS_DB_* settings, offline', async () => {
    const store = await createStorage(loadSettings(COSMOS));
    expect(store).to.be.instanceOf(CosmosDbPartitionedStorage);
    const options = (store as unknown as { cosmosDbStorageOptions: Record<string, unknown> }).cosmosDbStorageOptions;
    expect(options).to.include({
      cosmosDbEndpoint: COSMOS.COSMOS_DB_ENDPOINT, authKey: COSMOS.COSMOS_DB_AUTH_KEY,
      databaseId: 'second-look', containerId: 'conversations',
    });
    await store.close();
  });

  for (const variable of ['COSMOS_DB_ENDPOINT', 'COSMOS_DB_AUTH_KEY', 'COSMOS_DB_DATABASE_ID', 'COSMOS_DB_CONTAINER_ID'] as const) {
    it(`STORAGE=cosmos without ${variable} is refused with one line naming it`, () => {
      const err = settingsError({ ...COSMOS, [variable]: '' });
      expect(err.variable).to.equal(variable);
      expect(err.message).to.not.include('\n');
    });
  }

  it('a COSMOS_DB_ENDPOINT that is not an https:// URL is refused', () => {
    expect(settingsError({ ...COSMOS, COSMOS_DB_ENDPOINT: 'http://insecure.example' }).variable).to.equal('COSMOS_DB_ENDPOINT');
  });

  it('the Cosmos builder itself names a missing setting (when called without config)', async () => {
    const err = await refusal(createCosmosStorage({ cosmosDbEndpoint: COSMOS.COSMOS_DB_ENDPOINT, cosmosDbAuthKey: undefined, cosmosDbDatabaseId: 'd', cosmosDbContainerId: 'c' }));
    expect(err.message).to.contain('COSMOS_DB_AUTH_KEY');
  });

  it('the process exits 1 with one line naming SQLITE_PATH when the file cannot be written', async function () {
    this.timeout(40_000); // tsx start-up and the real content
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(ROOT, 'src', 'index.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', SQLITE_PATH: join(ROOT, 'package.json', 'x.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.resume();
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).to.equal(1);
    const lines = stderr.trim().split('\n');
    expect(lines, stderr).to.have.length(1);
    expect(lines[0]).to.include('SQLITE_PATH');
  });
});
