// Azure Cosmos DB for clinics that host on Azure: botbuilder's own partitioned store, built from settings.
// It connects lazily (first read or write), so building it never touches the network. botbuilder-azure is
// imported only here and only when chosen: it costs about 0.3 s of start-up that other stores need not pay.
import type { Settings } from '../config.js';
import { StorageError, type AppStorage } from './store.js';

export type CosmosSettings = Pick<Settings, 'cosmosDbEndpoint' | 'cosmosDbAuthKey' | 'cosmosDbDatabaseId' | 'cosmosDbContainerId'>;

const REQUIRED: [keyof CosmosSettings, string][] = [
  ['cosmosDbEndpoint', 'COSMOS_DB_ENDPOINT'],
  ['cosmosDbAuthKey', 'COSMOS_DB_AUTH_KEY'],
  ['cosmosDbDatabaseId', 'COSMOS_DB_DATABASE_ID'],
  ['cosmosDbContainerId', 'COSMOS_DB_CONTAINER_ID'],
];

/** The store, or a StorageError naming the first missing setting (config refuses these first at start-up). */
export async function createCosmosStorage(s: CosmosSettings): Promise<AppStorage> {
  for (const [field, variable] of REQUIRED) {
    if (!s[field]) throw new StorageError(variable, 'is required when STORAGE is cosmos');
  }
  const { CosmosDbPartitionedStorage } = await import('botbuilder-azure');
  // Expiry is the container's "time to live" (set it to CONVERSATION_TTL in Azure): Cosmos applies it itself.
  const storage = new CosmosDbPartitionedStorage({
    cosmosDbEndpoint: s.cosmosDbEndpoint,
    authKey: s.cosmosDbAuthKey,
    databaseId: s.cosmosDbDatabaseId!,
    containerId: s.cosmosDbContainerId!,
  });
  // The Cosmos client holds no connection open between requests: nothing to release on shutdown.
  return Object.assign(storage, { close: async () => {} });
}
