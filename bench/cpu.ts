import { PerformanceObserver } from 'node:perf_hooks';
import { createMemoryStore } from '../src/store/memory';
import { driverFor } from './drivers';
import type { InProcessApis } from './capture';
import { benchApp, dispatch } from './harness';
import { cpuMs, summarize, type Percentiles } from './stats';
import type { BenchFlow } from './transcript';

/** How long to measure each series. */
export interface CpuOptions {
  /** Whole transcripts replayed first, unrecorded (JIT warm-up). */
  warmupIterations: number;
  /** Stop once this many updates were measured... */
  targetSamples: number;
  /** ...or after this long, whichever comes first (at least `minIterations`). */
  maxSeconds: number;
  minIterations: number;
}

/** Defaults: a few thousand updates per flow, a few seconds each. */
export const CPU_DEFAULTS: CpuOptions = {
  warmupIterations: 30,
  targetSamples: 3000,
  maxSeconds: 6,
  minIterations: 30,
};

/** CPU per update of one series. */
export interface CpuResult extends Percentiles {
  samples: number;
  iterations: number;
  /** Updates over `slowMs`, and how many of them overlapped a V8 garbage collection. */
  slow: number;
  slowDuringGc: number;
}

/** What counts as a slow update (the p99 budget). */
export const SLOW_MS = 3;

/** Garbage collections seen while measuring, as wall-clock intervals. */
function watchGc(): { overlaps(start: number, end: number): boolean; stop(): void } {
  const spans: { start: number; end: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      spans.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    overlaps: (start, end) => spans.some((g) => g.start < end && g.end > start),
    stop: () => observer.disconnect(),
  };
}

/**
 * CPU time per update, per flow and channel: each iteration is a new person replaying the
 * transcript through the app's fetch handler (memory store, Bot API and WeChat API answered
 * in process). Setup turns are not measured; each measured update includes its `waitUntil`
 * work.
 */
export async function measureCpu(
  flows: readonly BenchFlow[],
  apis: InProcessApis,
  options: CpuOptions = CPU_DEFAULTS,
): Promise<{ results: Record<string, CpuResult>; problems: string[] }> {
  const results: Record<string, CpuResult> = {};
  const problems: string[] = [];
  const gc = watchGc();
  for (const flow of flows) {
    try {
      results[flow.key] = await measureFlow(flow, apis, options, gc);
    } catch (error) {
      problems.push(`cpu ${flow.key}: ${(error as Error).message}; left out`);
    }
  }
  gc.stop();
  return { results, problems };
}

let nextUser = 1_000_000;

/** One series: warm up, then new people replay the transcript until enough updates were timed. */
async function measureFlow(
  flow: BenchFlow,
  apis: InProcessApis,
  options: CpuOptions,
  gc: ReturnType<typeof watchGc>,
): Promise<CpuResult> {
  const app = benchApp(createMemoryStore());
  const driver = driverFor(flow.channel, apis.botApi);
  const samples: number[] = [];
  const slow: { start: number; end: number }[] = [];
  const iteration = async (record: boolean) => {
    const user = nextUser++;
    for (const turn of flow.setup) {
      const response = await dispatch(app, driver.request(user, turn, flow.locale));
      if (response.status !== 200) throw new Error(`setup: HTTP ${response.status}`);
      await driver.observe(user, response);
    }
    for (const turn of flow.turns) {
      const request = driver.request(user, turn, flow.locale);
      let response: Response | undefined;
      const start = performance.now();
      const used = await cpuMs(async () => {
        response = await dispatch(app, request);
      });
      if (response?.status !== 200) throw new Error(`HTTP ${response?.status}`);
      await driver.observe(user, response);
      if (!record) continue;
      samples.push(used);
      if (used > SLOW_MS) slow.push({ start, end: performance.now() });
    }
    driver.reset();
  };
  for (let i = 0; i < options.warmupIterations; i++) await iteration(false);
  const started = performance.now();
  let iterations = 0;
  while (
    iterations < options.minIterations ||
    (samples.length < options.targetSamples &&
      performance.now() - started < options.maxSeconds * 1000)
  ) {
    await iteration(true);
    iterations++;
  }
  // GC entries arrive asynchronously: let the observer catch up before reading them.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    ...summarize(samples),
    samples: samples.length,
    iterations,
    slow: slow.length,
    slowDuringGc: slow.filter((s) => gc.overlaps(s.start, s.end)).length,
  };
}
