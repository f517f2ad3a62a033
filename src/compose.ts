import { ACTIONS } from './actions';
import { parseConfig, type Config } from './config';
import { content } from './content';
import type { Program } from './core/engine';
import { createApp } from './http/app';
import type { AppDeps } from './http/types';
import { translate } from './i18n';
import { consoleLogger, type Logger } from './shell/logger';
import { createMemoryStore } from './store/memory';
import type { Store } from './store/port';
import { createUpstashStore } from './store/upstash';

/** The flows, lists and texts the engine interprets, from the bundled content. */
export function buildProgram(): Program {
  return {
    flows: content.flows,
    lists: content.lists,
    commands: content.commands,
    fallbackFlow: content.fallbackFlow,
    t: translate,
    actions: ACTIONS,
  };
}

// One memory store per isolate, whatever env object a request carries.
const memoryStores = new Map<string, Store>();

function buildStore(config: Config, log: Logger): Store {
  if (config.store.kind === 'upstash') {
    return createUpstashStore({
      url: config.store.url,
      token: config.store.token,
      prefix: config.storePrefix,
    });
  }
  let store = memoryStores.get(config.storePrefix);
  if (!store) {
    log.info('store_memory', {
      message:
        'No UPSTASH_REDIS_REST_URL/TOKEN: using the embedded memory store; data is lost when the Worker restarts.',
    });
    store = createMemoryStore({ prefix: config.storePrefix });
    memoryStores.set(config.storePrefix, store);
  }
  return store;
}

/**
 * The composition root: the only place that reads `env`. Builds every dependency once.
 *
 * @example const deps = buildDeps({ APP_ENV: 'development' });
 */
export function buildDeps(env: Record<string, unknown>, overrides: Partial<AppDeps> = {}): AppDeps {
  const config = overrides.config ?? parseConfig(env);
  const log = overrides.log ?? consoleLogger({ debug: config.debug });
  const store = overrides.store ?? buildStore(config, log);
  const program = overrides.program ?? buildProgram();
  const now = overrides.now ?? Date.now;
  const newId = overrides.newId ?? (() => crypto.randomUUID());
  return { config, store, program, log, now, newId, turn: { program, store, now, log } };
}

/** Build the app for an environment. */
export function buildApp(env: Record<string, unknown>, overrides: Partial<AppDeps> = {}) {
  return createApp(buildDeps(env, overrides));
}
