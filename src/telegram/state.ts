// Opens the bot's state store from the configuration: the CLI may not import state/ (the dependency rule keeps
// stores behind app/ and telegram/), so it asks here.
import type { Config } from '../config.ts';
import { createStateStore } from '../state/create.ts';
import type { StateStore } from '../state/types.ts';

export function openStateStore(config: Pick<Config, 'dataDir' | 'service'>): Promise<StateStore> {
  return createStateStore({ dataDir: config.dataDir, redisUrl: config.service.redisUrl, namespace: config.service.stateNamespace });
}
