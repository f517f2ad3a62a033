import type { BroadcastResult } from './broadcast';
import type { AskBenchResult } from './ask';
import type { BundleResult } from './bundle';
import { SLOW_MS, type CpuResult } from './cpu';
import type { ByN, SurveyComparison } from './flatness';
import type { StackResult } from './stack';
import type { TripsResult } from './store-trips';
import { renderTable, row, type Section } from './table';

/** Budgets from DESIGN.md section 12. */
export const BUDGETS = {
  cpuP50Ms: 0.5,
  cpuP99Ms: 3,
  flatness: 1.2,
  roundTrips: 2,
  /** "250 KB", taken as KiB, the unit wrangler prints. */
  bundleGzipBytes: 250 * 1024,
  broadcastOfConfigured: 0.9,
  /** Not a budget: Cloudflare's limit on evaluating a Worker's top level. */
  startupLimitMs: 1000,
};

/** Everything the run measured (a step that failed or did not run is undefined). */
export interface Measured {
  cpu: Record<string, CpuResult> | undefined;
  survey: SurveyComparison | undefined;
  trips: Record<string, TripsResult> | undefined;
  bundle: BundleResult | undefined;
  broadcast: BroadcastResult | undefined;
  stack: StackResult | undefined;
  ask?: AskBenchResult | undefined;
  failures: Record<string, string>;
  problems: string[];
  machine: {
    cores: number;
    node: string;
    date: string;
    cpuModel: string;
    loadBefore: number[];
    loadAfter: number[];
    seconds: number;
  };
}

const ms = (x: number) => `${x < 10 ? x.toFixed(3) : x.toFixed(1)} ms`;
const times = (x: number) => `${x.toFixed(2)}×`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const pick = <T, K extends keyof T>(rec: Record<string, T>, key: K) =>
  Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, v[key]]));

function cpuSection(cpu: Record<string, CpuResult>): Section {
  const all = Object.values(cpu);
  const sum = (f: (r: CpuResult) => number) => all.reduce((a, r) => a + f(r), 0);
  return {
    notes: [
      `updates over ${SLOW_MS} ms: ${sum((r) => r.slow)} of ${sum((r) => r.samples)}; ` +
        `${sum((r) => r.slowDuringGc)} of those overlapped a V8 garbage collection`,
      'CPU is process.cpuUsage() (user + system, all threads) around each update and its waitUntil work',
    ],
    title: 'CPU per update (Node, memory store, channel APIs in process; p50 · p95 · p99)',
    rows: Object.entries(cpu).map(([key, r]) =>
      row(
        `${key} (${r.samples} updates)`,
        `${r.p50.toFixed(3)} · ${r.p95.toFixed(3)} · ${r.p99.toFixed(3)} ms`,
        `p50 ≤ ${BUDGETS.cpuP50Ms}, p99 ≤ ${BUDGETS.cpuP99Ms} ms`,
        r.p50 <= BUDGETS.cpuP50Ms && r.p99 <= BUDGETS.cpuP99Ms,
      ),
    ),
  };
}

function surveySection(s: SurveyComparison): Section {
  const first = (x: ByN) => x['1'] ?? Number.NaN;
  const rows = Object.keys(s.stepCostMs.ours).flatMap((n) => {
    const ours = s.stepCostMs.ours[n]!;
    const peer = s.stepCostMs.peer[n]!;
    const web = s.oursWebchatMs[n]!;
    return [
      row(
        `step ${n} ours, Telegram (vs step 1)`,
        `${ms(ours)} (${times(ours / first(s.stepCostMs.ours))})`,
        `≤ ${BUDGETS.flatness}× step 1`,
        ours / first(s.stepCostMs.ours) <= BUDGETS.flatness,
      ),
      row(
        `step ${n} ours, web chat (vs step 1)`,
        `${ms(web)} (${times(web / first(s.oursWebchatMs))})`,
        `≤ ${BUDGETS.flatness}× step 1`,
        web / first(s.oursWebchatMs) <= BUDGETS.flatness,
      ),
      row(
        `step ${n} peer, Telegram (vs step 1)`,
        `${ms(peer)} (${times(peer / first(s.stepCostMs.peer))})`,
      ),
      row(`step ${n} peer / ours`, times(peer / ours)),
      row(
        `stored after ${n}: ours · peer (peer/ours)`,
        `${s.storedBytes.ours[n]} B · ${s.storedBytes.peer[n]} B (${times(
          s.storedBytes.peer[n]! / s.storedBytes.ours[n]!,
        )})`,
      ),
    ];
  });
  return {
    title: `Survey of ${s.length} questions: CPU of answering question N (median of ${s.iterations} people), and bytes stored`,
    rows,
    notes: [
      'peer: @grammyjs/conversations 2 with a persistent storage adapter over the same in-memory Redis; same updates',
      'ours stored: conversation + profile + version + handled-message records (replies kept 2 days for re-deliveries)',
    ],
  };
}

function tripsSection(trips: Record<string, TripsResult>): Section {
  return {
    title:
      'Store work per update (Upstash adapter → bridge → Redis; mean / max; a fresh isolate per run, so cold caches count)',
    rows: Object.entries(trips).map(([key, t]) =>
      row(
        `${key} (${t.updates} updates)`,
        `${t.roundTrips.mean} / ${t.roundTrips.max} before the reply · ${t.totalTrips.mean} / ${t.totalTrips.max} in all · ${t.commands.mean} / ${t.commands.max} cmds`,
        `≤ ${BUDGETS.roundTrips} before the reply`,
        t.roundTrips.max <= BUDGETS.roundTrips,
      ),
    ),
  };
}

function askSection(a: AskBenchResult): Section {
  return {
    title: `Ask anything (bench/ask-eval.yaml, ${a.cases} questions)`,
    rows: [
      row('ask.top1', a.top1.toFixed(3)),
      row('ask.top3', a.top3.toFixed(3), '≥ 0.9', a.top3 >= 0.9),
      row('ask.falseAnswerRate', a.falseAnswerRate.toFixed(3), '≤ 0.1', a.falseAnswerRate <= 0.1),
      row(
        'ask CPU p50 · p99 (ms, one thread, warm)',
        `${a.cpuMs.p50} · ${a.cpuMs.p99}`,
        'p50 ≤ 2 ms',
        a.cpuMs.p50 <= 2,
      ),
      row('index build per isolate (ms)', a.buildMs.toFixed(1)),
    ],
  };
}

function bundleSection(b: BundleResult): Section {
  return {
    title: 'Bundle (wrangler deploy --dry-run) and startup (fresh Node process, median)',
    rows: [
      row(
        'Worker bundle, gzipped',
        `${kib(b.gzipBytes)} (${b.gzipBytes} B)`,
        `≤ ${kib(BUDGETS.bundleGzipBytes)}`,
        b.gzipBytes <= BUDGETS.bundleGzipBytes,
      ),
      row('Worker bundle, raw', kib(b.rawBytes)),
      row(
        'runtime data asset (content, catalogues), gzipped · raw',
        `${kib(b.dataGzipBytes)} · ${kib(b.dataRawBytes)}`,
      ),
      row(
        `startup: top-level evaluation (${b.runs} runs)`,
        ms(b.startupMs),
        `Workers limit ${BUDGETS.startupLimitMs} ms`,
      ),
      row(
        'first request after start (/healthz: data asset, config, deps, app)',
        ms(b.firstRequestMs),
      ),
      row('first turn after that (/start, cold paths)', ms(b.firstTurnMs)),
    ],
    notes: [
      `wrangler: ${b.wranglerSummary}`,
      `largest inputs: ${b.largest.map((l) => `${l.input} ${kib(l.bytes)}`).join(', ')}`,
    ],
  };
}

function broadcastSection(b: BroadcastResult): Section {
  const ofConfigured = b.ratePerSec / b.configuredPerSec;
  return {
    title: `Broadcast: ${b.recipients.toLocaleString('en')} recipients, real consumer, Bot API stand-in at ${b.limitPerSec}/s (loopback)`,
    rows: [
      row(
        `rate at real scale (${b.realScaleSends} sends)`,
        `${b.ratePerSec}/s = ${(ofConfigured * 100).toFixed(0)}% of configured ${b.configuredPerSec}/s, ${(
          (b.ratePerSec / b.limitPerSec) *
          100
        ).toFixed(0)}% of the limit`,
        `≥ ${BUDGETS.broadcastOfConfigured * 100}% of configured`,
        ofConfigured >= BUDGETS.broadcastOfConfigured,
      ),
      row('429s at real scale', String(b.realScale429s)),
      row(
        `rest of the job, ${b.compressed.limitPerSec / b.limitPerSec}× compressed`,
        `${b.compressed.ratePerSec}/s of ${b.compressed.configuredPerSec}/s configured, ${b.compressed.limited} × 429`,
      ),
      row('duplicates', String(b.duplicates), '0', b.duplicates === 0),
      row('misses', String(b.misses), '0', b.misses === 0),
      row(
        `configured at the limit (${b.atLimit.configuredPerSec}/s), briefly`,
        `${b.atLimit.ratePerSec}/s, ${b.atLimit.limited} × 429`,
      ),
    ],
    notes: [
      `job counters: ${Object.entries(b.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; chunks of ${b.chunkSize}; ${b.seconds} s`,
    ],
  };
}

function stackSection(s: StackResult): Section {
  return {
    title: `Real stack: wrangler dev (workerd) + Upstash bridge + Redis, Telegram webhook, ${s.connections} connections`,
    rows: [
      row(`updates per second (${s.updates} in ${s.seconds} s)`, `${s.updatesPerSec}/s`),
      row('latency p50 · p99', `${s.p50Ms} · ${s.p99Ms} ms`),
      row('errors · non-2xx', `${s.errors} · ${s.non2xx}`),
      row('Bot API calls per update', String(s.botApiCallsPerUpdate)),
    ],
  };
}

/** The printed table and the results.json object (exactly the keys issue 9 lists). */
export function report(m: Measured): { table: string; results: Record<string, unknown> } {
  const sections: Section[] = [];
  if (m.cpu) sections.push(cpuSection(m.cpu));
  if (m.survey) sections.push(surveySection(m.survey));
  if (m.trips) sections.push(tripsSection(m.trips));
  if (m.bundle) sections.push(bundleSection(m.bundle));
  if (m.broadcast) sections.push(broadcastSection(m.broadcast));
  if (m.stack) sections.push(stackSection(m.stack));
  if (m.ask) sections.push(askSection(m.ask));
  sections.push({
    title: 'Machine',
    rows: [
      row('cores · Node', `${m.machine.cores} · ${m.machine.node}`),
      row('CPU', m.machine.cpuModel),
      row(
        'load average before · after',
        `${m.machine.loadBefore.join(' ')} · ${m.machine.loadAfter.join(' ')}`,
      ),
      row('date · bench time', `${m.machine.date} · ${m.machine.seconds} s`),
    ],
    notes: Object.entries(m.failures).map(([step, why]) => `FAILED ${step}: ${why}`),
  });
  if (m.problems.length > 0) {
    sections.push({
      title: 'Problems (flows left out or not completed)',
      rows: [],
      notes: m.problems,
    });
  }
  const results = {
    cpuPerUpdateMs: m.cpu
      ? Object.fromEntries(
          Object.entries(m.cpu).map(([k, r]) => [k, { p50: r.p50, p95: r.p95, p99: r.p99 }]),
        )
      : null,
    surveyStepCostMs: m.survey ? m.survey.stepCostMs : null,
    storedBytes: m.survey ? m.survey.storedBytes : null,
    storeRoundTripsPerUpdate: m.trips ? pick(m.trips, 'roundTrips') : null,
    storeRoundTripsInAllPerUpdate: m.trips ? pick(m.trips, 'totalTrips') : null,
    storeCommandsPerUpdate: m.trips ? pick(m.trips, 'commands') : null,
    bundleGzipBytes: m.bundle ? m.bundle.gzipBytes : null,
    startupMs: m.bundle ? m.bundle.startupMs : null,
    broadcast: m.broadcast
      ? {
          ratePerSec: m.broadcast.ratePerSec,
          limitPerSec: m.broadcast.limitPerSec,
          duplicates: m.broadcast.duplicates,
          misses: m.broadcast.misses,
        }
      : null,
    stack: m.stack
      ? { updatesPerSec: m.stack.updatesPerSec, p50Ms: m.stack.p50Ms, p99Ms: m.stack.p99Ms }
      : null,
    machine: { cores: m.machine.cores, node: m.machine.node, date: m.machine.date },
  };
  return { table: renderTable(sections), results };
}
