import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { content } from '../src/content';
import { BROADCAST_DEFAULTS, measureBroadcast, type BroadcastResult } from './broadcast';
import { measureAsk } from './ask';
import { measureBundle, type BundleResult } from './bundle';
import { captureClients } from './capture';
import { measureCpu, CPU_DEFAULTS, type CpuResult } from './cpu';
import { compareSurveys, SURVEY_DEFAULTS, type SurveyComparison } from './flatness';
import { report, type Measured } from './report';
import { measureStack, STACK_DEFAULTS, type StackResult } from './stack';
import { measureStoreTrips, type TripsResult } from './store-trips';
import { benchProgram } from './survey';
import { benchFlows } from './transcript';
import { installRuntimeDataFromFiles } from '../scripts/runtime-data';

const STEPS = ['cpu', 'survey', 'trips', 'bundle', 'broadcast', 'stack', 'ask'] as const;
type Step = (typeof STEPS)[number];

/** `--only=cpu,bundle` runs some steps (results.json is then not written); `--quick` runs less. */
function parseArgs(argv: readonly string[]): { only: Set<Step>; quick: boolean } {
  const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const steps = only ? only.split(',').filter((s): s is Step => STEPS.includes(s as Step)) : STEPS;
  return { only: new Set(steps), quick: argv.includes('--quick') };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

/** Run one step, timing it; a failure is recorded, not thrown, so the others still run. */
async function step<T>(
  name: Step,
  enabled: Set<Step>,
  failures: Map<Step, string>,
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (!enabled.has(name)) return undefined;
  const started = performance.now();
  log(`▸ ${name} …`);
  try {
    const result = await work();
    log(`  ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    failures.set(name, message.split('\n')[0] ?? message);
    log(`  ${name} FAILED: ${message}`);
    return undefined;
  }
}

async function main(): Promise<void> {
  installRuntimeDataFromFiles();
  const { only, quick } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const failures = new Map<Step, string>();
  const loadBefore = loadavg();

  // In-process steps: Bot API and WeChat API captured at the fetch the clients use.
  const apis = captureClients();
  let cpu: Record<string, CpuResult> | undefined;
  let survey: SurveyComparison | undefined;
  let trips: Record<string, TripsResult> | undefined;
  const problems: string[] = [];
  try {
    const program = benchProgram();
    const flows = await benchFlows(
      join(import.meta.dirname, 'transcripts'),
      program,
      Object.keys(content.flows),
    );
    problems.push(...flows.problems);
    for (const p of flows.problems) log(`  transcript: ${p}`);
    log(`  measuring ${flows.flows.map((f) => f.key).join(', ')}`);
    const cpuRun = await step('cpu', only, failures, () =>
      measureCpu(
        flows.flows,
        apis,
        quick ? { ...CPU_DEFAULTS, targetSamples: 300, maxSeconds: 1 } : CPU_DEFAULTS,
      ),
    );
    cpu = cpuRun?.results;
    problems.push(...(cpuRun?.problems ?? []));
    survey = await step('survey', only, failures, () =>
      compareSurveys(
        apis,
        quick
          ? { ...SURVEY_DEFAULTS, blockSize: 5, minIterations: 5, maxIterations: 5 }
          : SURVEY_DEFAULTS,
      ),
    );
    const tripsRun = await step('trips', only, failures, () =>
      measureStoreTrips(flows.flows, apis),
    );
    trips = tripsRun?.results;
    problems.push(...(tripsRun?.problems ?? []));
  } finally {
    apis.close();
  }

  const bundle: BundleResult | undefined = await step('bundle', only, failures, () =>
    measureBundle(quick ? 3 : 7),
  );
  const broadcast: BroadcastResult | undefined = await step('broadcast', only, failures, () =>
    measureBroadcast(
      quick
        ? { ...BROADCAST_DEFAULTS, recipients: 2000, realScaleSeconds: 10, atLimitSeconds: 5 }
        : BROADCAST_DEFAULTS,
    ),
  );
  const stack: StackResult | undefined = await step('stack', only, failures, () =>
    measureStack(quick ? { ...STACK_DEFAULTS, warmupSeconds: 1, seconds: 5 } : STACK_DEFAULTS),
  );

  const ask = await step('ask', only, failures, () => Promise.resolve(measureAsk(quick ? 5 : 20)));

  const measured: Measured = {
    ask,
    cpu,
    survey,
    trips,
    bundle,
    broadcast,
    stack,
    failures: Object.fromEntries(failures),
    problems,
    machine: {
      cores: cpus().length,
      node: process.version,
      date: new Date().toISOString(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadBefore: loadBefore.map((l) => Number(l.toFixed(2))),
      loadAfter: loadavg().map((l) => Number(l.toFixed(2))),
      seconds: Math.round((performance.now() - started) / 1000),
    },
  };
  const { table, results } = report(measured);
  process.stdout.write(`${table}\n`);
  if (only.size === STEPS.length && !quick) {
    writeFileSync(
      join(import.meta.dirname, 'results.json'),
      `${JSON.stringify(results, null, 2)}\n`,
    );
    log('wrote bench/results.json');
  } else log('partial run (--only or --quick): bench/results.json not written');
  if (failures.size > 0) process.exitCode = 1;
}

await main();
