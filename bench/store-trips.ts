import { createUpstashStore } from '../src/store/upstash';
import { defaultRedisUrl, redisAvailable } from '../test/support/redis-available';
import { deleteByPrefix } from '../test/support/redis-keys';
import { startUpstashBridge } from '../test/support/upstash-bridge';
import type { InProcessApis } from './capture';
import { driverFor } from './drivers';
import { benchApp, dispatch } from './harness';
import { round } from './stats';
import type { BenchFlow } from './transcript';

/** Mean and worst case over a flow's updates. */
export interface PerUpdate {
  mean: number;
  max: number;
}

/** Store work of one flow's updates, counted at the Upstash bridge. */
export interface TripsResult {
  /** Round trips before the reply: the whole update for web chat and WeChat's passive
   * reply; up to the first Bot API call for Telegram (its delivery record comes after). */
  roundTrips: PerUpdate;
  /** Every round trip of the update, the delivery record included. */
  totalTrips: PerUpdate;
  commands: PerUpdate;
  updates: number;
}

const perUpdate = (xs: readonly number[]): PerUpdate => ({
  mean: round(xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1), 2),
  max: Math.max(0, ...xs),
});

/** Delete every key under `prefix` (the bench's own), so Redis is left as it was found. */
export async function deleteKeys(prefix: string): Promise<void> {
  await deleteByPrefix(prefix);
}

/**
 * Store round trips (HTTP requests) and Redis commands per update, per flow: the app runs on
 * the Upstash adapter against the real Redis through the test bridge, which counts both.
 * Each flow is replayed once unmeasured first, so the commit script is already cached
 * (a fresh Redis costs one extra round trip, EVALSHA then EVAL, once).
 */
export async function measureStoreTrips(
  flows: readonly BenchFlow[],
  apis: InProcessApis,
  iterations = 3,
): Promise<{ results: Record<string, TripsResult>; problems: string[] }> {
  if (!(await redisAvailable())) throw new Error(`no Redis at ${defaultRedisUrl()}`);
  const bridge = await startUpstashBridge();
  const prefix = `svbbench:${process.pid}:${Date.now()}:`;
  const store = createUpstashStore({ url: bridge.url, token: bridge.token, prefix });
  const results: Record<string, TripsResult> = {};
  const problems: string[] = [];
  let nextUser = 9_000_000;
  const measureFlow = async (flow: BenchFlow): Promise<TripsResult> => {
    const driver = driverFor(flow.channel, apis.botApi);
    const trips: number[] = [];
    const totals: number[] = [];
    const commands: number[] = [];
    let firstOut: number | undefined;
    apis.onOutbound = () => void (firstOut ??= bridge.requests);
    for (let i = 0; i <= iterations; i++) {
      // A new app (a fresh isolate) each time: the first update meets cold caches (the survey
      // catalogue), the later ones warm ones, so the maximum covers every cache state.
      const app = benchApp(store);
      const user = nextUser++;
      for (const turn of [...flow.setup, ...flow.turns]) {
        const before = { requests: bridge.requests, commands: bridge.commands };
        firstOut = undefined;
        const response = await dispatch(app, driver.request(user, turn, flow.locale));
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        await driver.observe(user, response);
        if (i === 0) continue;
        trips.push((firstOut ?? bridge.requests) - before.requests);
        totals.push(bridge.requests - before.requests);
        commands.push(bridge.commands - before.commands);
      }
      driver.reset();
    }
    apis.onOutbound = undefined;
    return {
      roundTrips: perUpdate(trips),
      totalTrips: perUpdate(totals),
      commands: perUpdate(commands),
      updates: trips.length,
    };
  };
  try {
    for (const flow of flows) {
      try {
        results[flow.key] = await measureFlow(flow);
      } catch (error) {
        problems.push(`store ${flow.key}: ${(error as Error).message}; left out`);
      }
    }
  } finally {
    await bridge.close();
    await deleteKeys(prefix);
  }
  return { results, problems };
}
