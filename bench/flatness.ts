import type { Locale } from '../src/core/message';
import { createMemoryStore } from '../src/store/memory';
import type { Store, TurnWrite, UserRef } from '../src/store/port';
import type { InProcessApis } from './capture';
import { TelegramUpdates, telegramDriver, webchatDriver, type Driver } from './drivers';
import { benchApp, dispatch } from './harness';
import { createPeerSurvey } from './peer-conversations';
import { cpuMs, median, round } from './stats';
import { answerFor, CHECKPOINTS, SURVEY_THANKS, surveyId, surveyQuestions } from './survey';

/** What the survey comparison runs. */
export interface SurveyOptions {
  length: number;
  checkpoints: readonly number[];
  locale: Locale;
  /** Blocks run first, unmeasured (JIT warm-up). */
  warmupBlocks: number;
  /** People per block; each block starts with one more, unmeasured. */
  blockSize: number;
  /** Whole surveys per implementation: at least `minIterations`, then until `maxSeconds`. */
  minIterations: number;
  maxIterations: number;
  maxSeconds: number;
}

/** Defaults: N = 1, 10, 30, 60 of a 61-question survey (still open after question 60). */
export const SURVEY_DEFAULTS: SurveyOptions = {
  length: 61,
  checkpoints: CHECKPOINTS,
  locale: 'zh-CN',
  warmupBlocks: 1,
  blockSize: 10,
  minIterations: 40,
  maxIterations: 200,
  maxSeconds: 40,
};

/** Figures keyed by question number N. */
export type ByN = Record<string, number>;

/** The survey side by side: CPU of answering question N, and what is stored after it. */
export interface SurveyComparison {
  /** Median CPU (ms) of the update answering question N, through the Telegram webhook. */
  stepCostMs: { ours: ByN; peer: ByN };
  /** The same for ours through the web chat (no grammY): the engine and store alone. */
  oursWebchatMs: ByN;
  /** Bytes kept for the person after answering question N. */
  storedBytes: { ours: ByN; peer: ByN };
  length: number;
  iterations: number;
}

/** Surveys one person at a time; returns CPU and stored bytes after each answer. */
type Runner = (user: number) => Promise<{ cpu: number[]; bytes: number[] }>;

const byteLength = (value: unknown) =>
  value === null ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Our store, counting what it keeps per person: conversation, profile, version and the
 * handled-message records (each message's replies, kept two days for re-deliveries).
 */
export function measuredStore(inner: Store): { store: Store; bytes(user: UserRef): number } {
  const kept = new Map<string, { fixed: number; handled: Map<string, number> }>();
  const keyOf = (user: UserRef) => `${user.channel}:${user.userId}`;
  const store: Store = {
    ...inner,
    async commit(user: UserRef, write: TurnWrite) {
      const result = await inner.commit(user, write);
      if (!result.ok) return result;
      const entry = kept.get(keyOf(user)) ?? { fixed: 0, handled: new Map<string, number>() };
      entry.fixed =
        String(result.version).length + byteLength(write.conversation) + byteLength(write.profile);
      entry.handled.set(write.messageId, byteLength(write.replies));
      kept.set(keyOf(user), entry);
      return result;
    },
  };
  return {
    store,
    bytes(user) {
      const entry = kept.get(keyOf(user));
      if (!entry) return 0;
      return entry.fixed + [...entry.handled.values()].reduce((a, b) => a + b, 0);
    },
  };
}

function ours(driver: Driver, apis: InProcessApis, options: SurveyOptions): Runner {
  const { store, bytes } = measuredStore(createMemoryStore());
  const app = benchApp(store);
  const questions = surveyQuestions(options.length);
  const channel = driver.channel;
  return async (user) => {
    const ref = { channel, userId: channel === 'webchat' ? `bench-${user}` : String(user) };
    const cpu: number[] = [];
    const kept: number[] = [];
    const send = async (request: Request) => {
      let response: Response | undefined;
      const used = await cpuMs(async () => {
        response = await dispatch(app, request);
      });
      if (response?.status !== 200) throw new Error(`ours (${channel}): HTTP ${response?.status}`);
      await driver.observe(user, response);
      return used;
    };
    await send(driver.request(user, { user: `/${surveyId(options.length)}` }, options.locale));
    for (const [i, q] of questions.entries()) {
      cpu.push(await send(driver.request(user, answerFor(q, i), options.locale)));
      kept.push(bytes(ref));
    }
    driver.reset();
    apis.botApi.reset();
    return { cpu, bytes: kept };
  };
}

function peer(apis: InProcessApis, options: SurveyOptions): Runner {
  const questions = surveyQuestions(options.length);
  const survey = createPeerSurvey(surveyId(options.length), questions, options.locale);
  const updates = new TelegramUpdates(apis.botApi);
  return async (user) => {
    const cpu: number[] = [];
    const kept: number[] = [];
    await survey.handle(
      updates.next(user, { user: `/${surveyId(options.length)}` }, options.locale),
    );
    for (const [i, q] of questions.entries()) {
      const update = updates.next(user, answerFor(q, i), options.locale);
      cpu.push(await cpuMs(() => survey.handle(update)));
      kept.push(survey.storedBytes(user));
    }
    if (apis.botApi.of('sendMessage').at(-1)?.text !== SURVEY_THANKS[options.locale]) {
      throw new Error('peer: the survey did not finish');
    }
    apis.botApi.reset();
    return { cpu, bytes: kept };
  };
}

/**
 * Our survey and the peer's, driven by the same updates, taking turns in blocks of people
 * so both see the same machine noise. Reports medians at each checkpoint N.
 */
export async function compareSurveys(
  apis: InProcessApis,
  options: SurveyOptions = SURVEY_DEFAULTS,
): Promise<SurveyComparison> {
  const runners = {
    ours: ours(telegramDriver(apis.botApi), apis, options),
    peer: peer(apis, options),
    oursWebchat: ours(webchatDriver(), apis, options),
  };
  const names = Object.keys(runners) as (keyof typeof runners)[];
  const cpu = Object.fromEntries(names.map((n) => [n, [] as number[][]])) as Record<
    keyof typeof runners,
    number[][]
  >;
  const bytes: Partial<Record<keyof typeof runners, number[]>> = {};
  let user = 5_000_000;
  const started = performance.now();
  let iterations = 0;
  // Implementations take turns in blocks of people: both see the same machine noise, and
  // switching (cold caches, the other's garbage) lands on the first person of a block only,
  // who is not measured.
  for (let block = 0; ; block++) {
    const measuring = block >= options.warmupBlocks;
    if (measuring) {
      const elapsed = (performance.now() - started) / 1000;
      if (iterations >= options.maxIterations) break;
      if (iterations >= options.minIterations && elapsed > options.maxSeconds) break;
      iterations += options.blockSize;
    }
    for (const name of names) {
      for (let person = 0; person <= options.blockSize; person++) {
        const result = await runners[name](user++);
        if (measuring && person > 0) cpu[name].push(result.cpu);
        bytes[name] = result.bytes;
      }
    }
  }
  const at = (samples: number[][]): ByN =>
    Object.fromEntries(
      options.checkpoints.map((n) => [String(n), round(median(samples.map((s) => s[n - 1]!)))]),
    );
  const bytesAt = (kept: number[] | undefined): ByN =>
    Object.fromEntries(options.checkpoints.map((n) => [String(n), kept?.[n - 1] ?? 0]));
  return {
    stepCostMs: { ours: at(cpu.ours), peer: at(cpu.peer) },
    oursWebchatMs: at(cpu.oursWebchat),
    storedBytes: { ours: bytesAt(bytes.ours), peer: bytesAt(bytes.peer) },
    length: options.length,
    iterations,
  };
}
