import { parseConfig, type Config } from './config';
import { content } from './content';
import { withOverlay } from './content/overlay';
import type { ContentBundle } from './content/schema';
import { bindActions } from './core/action';
import type { Program } from './core/engine';
import { ACTIONS, PROFILE_SLICES, STEPS } from './domains';
import { createApp } from './http/app';
import type { AppDeps } from './http/types';
import { translate } from './i18n';
import { consoleLogger, type Logger } from './shell/logger';
import { isAiBinding, workersAiSpeech } from './shell/speech';
import { isMediaBucket } from './shell/media';
import { createMemoryStore } from './store/memory';
import type { Store } from './store/port';
import { createUpstashStore } from './store/upstash';
import { ensureRuntimeData } from './runtime-data';
import type { Recipient } from './broadcast/audience';
import { Pacer, realTiming } from './broadcast/pacer';
import { cloudflareQueue, type BroadcastChunk, type BroadcastQueue } from './broadcast/queue';
import type { Senders } from './broadcast/senders';
import { telegramSender } from './channels/telegram/sender';
import { createWechatClient, type WechatClientDeps } from './channels/wechat';
import { wechatSender } from './channels/wechat/sender';
import type { ChannelName } from './core/message';
import { createOverlayCache } from './shell/overlay-cache';
import { blockedTurn } from './shell/pipeline';
import { createExperimentSource } from './experiments/io/source';
import { SURVEY_FILTER, surveyRecipientFilter } from './surveys/io/invite-filter';
import { surveyServices } from './surveys/io/services';

/**
 * The content and catalogues, from the `ASSETS` binding, once per isolate: `undefined` when
 * they are in memory, else the read under way (see ./runtime-data.ts).
 */
export function ensureData(env: Record<string, unknown>): Promise<void> | undefined {
  return ensureRuntimeData(env.ASSETS);
}

/**
 * The flows, lists and texts the engine interprets, from the bundled content (or the bundle
 * with published content merged in, see content/overlay.ts), with the
 * step types, actions and profile slices the domains registered (./domains.ts).
 */
export function buildProgram(bundle: ContentBundle = content): Program {
  return {
    flows: bundle.flows,
    lists: bundle.lists,
    commands: bundle.commands,
    fallbackFlow: bundle.fallbackFlow,
    ...(bundle.freeTextFlow ? { freeTextFlow: bundle.freeTextFlow } : {}),
    t: translate,
    actions: bindActions(ACTIONS, bundle),
    steps: STEPS,
    slices: PROFILE_SLICES,
    keywords: bundle.keywords,
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
      timeoutMs: config.store.timeoutMs,
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
 * What callers may put in place of what the environment gives. `queue` is the broadcast
 * queue when there is no `BROADCAST` binding (Node tests pass a `MemoryQueue`); without
 * either, broadcasts are refused rather than queued where nothing drains them.
 */
export type BuildOverrides = Partial<AppDeps> & { queue?: BroadcastQueue };

/**
 * The composition root: the only place that reads `env`. Builds every dependency once.
 *
 * @example const deps = buildDeps({ APP_ENV: 'development' }, { queue: new MemoryQueue() });
 */
export function buildDeps(env: Record<string, unknown>, overrides: BuildOverrides = {}): AppDeps {
  const config = overrides.config ?? parseConfig(env);
  const log = overrides.log ?? consoleLogger({ debug: config.debug });
  const store = overrides.store ?? buildStore(config, log);
  const program = overrides.program ?? buildProgram();
  const now = overrides.now ?? Date.now;
  const newId = overrides.newId ?? (() => crypto.randomUUID());
  const surveys =
    overrides.surveys ??
    surveyServices({ store, content: content.surveys, secret: config.pseudonymSecret, now, log });
  // Voice answers only with the `MEDIA` bucket (wrangler.toml; Miniflare gives a local one).
  const media = overrides.media ?? (isMediaBucket(env.MEDIA) ? env.MEDIA : undefined);
  const turn = {
    ...(media ? { media } : {}),
    program,
    store,
    now,
    log,
    surveys: surveys.catalog,
    pseudonym: surveys.pseudonym,
    ...(surveys.pseudonym ? { experiments: createExperimentSource() } : {}),
    perMinute: config.perMinute,
    // Lessons published at run time: the program is rebuilt once per overlay version.
    ...(overrides.program
      ? {}
      : {
          overlay: createOverlayCache((overlay) =>
            buildProgram(withOverlay(content, overlay.kinds)),
          ),
        }),
  };
  const planner = overrides.planner ?? {
    store,
    queue: broadcastQueue(env.BROADCAST, overrides.queue, log),
    log,
    now,
    newId,
    chunkSize: config.broadcast.chunkSize,
    filters: { [SURVEY_FILTER]: surveyRecipientFilter(store, surveys.pseudonym) },
  };
  const consumer = overrides.consumer ?? {
    store,
    senders: senders(config, { store, now, newId, log }),
    timing: realTiming,
    log,
    pacer: new Pacer(config.broadcast.perSecond, realTiming),
    maxRetryWaitSeconds: 10,
    transientAttempts: 3,
    transientRetries: config.broadcast.transientRetries,
    transientDelaysSeconds: config.broadcast.transientDelaysSeconds,
    // A person who blocked the bot becomes inactive, which takes them out of every audience.
    onBlocked: async (r: Recipient) => {
      const messageId = `blocked:${r.ref}:${now()}`;
      const from = { channel: r.channel as ChannelName, userId: r.userId, receivedAt: now() };
      await blockedTurn(turn, from, messageId);
    },
  };
  // Speech to text only with the optional `AI` binding; without it voice asks to type.
  const speech =
    overrides.speech ?? (isAiBinding(env.AI) ? workersAiSpeech(env.AI, log) : undefined);
  return {
    ...{ config, store, program, log, now, newId, turn, planner, consumer, surveys },
    ...(speech ? { speech } : {}),
    ...(media ? { media } : {}),
  };
}

function isQueue(binding: unknown): binding is Queue<BroadcastChunk> {
  return typeof binding === 'object' && binding !== null && 'sendBatch' in binding;
}

/**
 * The `BROADCAST` queue binding, else the queue a caller passed, else none: broadcasts are
 * then refused (503 `broadcast_queue_missing`), and this says so in the log at start.
 */
function broadcastQueue(
  binding: unknown,
  given: BroadcastQueue | undefined,
  log: Logger,
): BroadcastQueue | undefined {
  if (isQueue(binding)) return cloudflareQueue(binding);
  if (given) return given;
  log.warn('broadcast_queue_missing', {
    message:
      'No BROADCAST queue binding: broadcasts are refused. Declare the queue for this environment in wrangler.toml.',
  });
  return undefined;
}

/** Broadcast senders for the channels that are configured. */
function senders(config: Config, deps: WechatClientDeps): Senders {
  return {
    ...(config.telegram ? { telegram: telegramSender(config.telegram) } : {}),
    ...(config.wechat ? { wechat: wechatSender(createWechatClient(config.wechat, deps)) } : {}),
  };
}

/** Build the app for an environment. */
export function buildApp(env: Record<string, unknown>, overrides: BuildOverrides = {}) {
  return createApp(buildDeps(env, overrides));
}
