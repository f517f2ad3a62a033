import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RUNTIME_DATA_FILE } from '../scripts/runtime-data';
import { median, round } from './stats';

const ROOT = resolve(import.meta.dirname, '..');
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');

/** The deployable Worker's size and how long its top level takes to evaluate. */
export interface BundleResult {
  rawBytes: number;
  gzipBytes: number;
  /** The runtime data asset (content and catalogues) read once per cold isolate. */
  dataRawBytes: number;
  dataGzipBytes: number;
  /** What wrangler printed as the upload size, for comparison. */
  wranglerSummary: string;
  /** The biggest inputs of the bundle (packages, or our folders), bytes in the output. */
  largest: { input: string; bytes: number }[];
  /** Median over fresh Node processes: import of the bundle (its top level). */
  startupMs: number;
  /** Median: the first request after import (`/healthz`: the data asset, config, deps, app). */
  firstRequestMs: number;
  /** Median: the first turn after that (`/start` on the web chat, cold code paths). */
  firstTurnMs: number;
  runs: number;
}

/** Run a command to completion; reject with its output when it fails. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return new Promise<string>((done, fail) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', fail);
    child.once('exit', (code) =>
      code === 0 ? done(output) : fail(new Error(`${command} exited ${code}:\n${output}`)),
    );
  });
}

/** Bytes in the output by package (node_modules) or by our top folder. */
function largestInputs(meta: string): { input: string; bytes: number }[] {
  const parsed = JSON.parse(meta) as {
    outputs: Record<
      string,
      { entryPoint?: string; inputs: Record<string, { bytesInOutput: number }> }
    >;
  };
  const out = Object.values(parsed.outputs).find((o) => o.entryPoint !== undefined);
  const sums = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(out?.inputs ?? {})) {
    const inModules = path.split('node_modules/').pop()!;
    const parts = (path.includes('node_modules/') ? inModules : path).split('/');
    const name =
      parts[0]!.startsWith('@') || parts[0] === 'src' ? parts.slice(0, 2) : parts.slice(0, 1);
    sums.set(name.join('/'), (sums.get(name.join('/')) ?? 0) + bytesInOutput);
  }
  return [...sums]
    .map(([input, bytes]) => ({ input, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 8);
}

// Runs in a fresh Node process: import the bundle (its top level), then one request, one turn.
// ASSETS answers the runtime data asset from disk, as the binding does in workerd.
const PROBE = `
const [bundle, dataFile] = process.argv.slice(2);
const { readFile } = await import('node:fs/promises');
console.log = () => {};
const t0 = performance.now();
const worker = (await import(bundle)).default;
const t1 = performance.now();
const ASSETS = { fetch: async () => new Response(await readFile(dataFile), { headers: { 'Content-Type': 'application/json' } }) };
const env = { APP_ENV: 'development', ASSETS };
const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
await worker.fetch(new Request('http://bench.local/healthz'), env, ctx);
const t2 = performance.now();
const body = JSON.stringify({ userId: 'probe', text: '/start', locale: 'zh-CN' });
const headers = { 'Content-Type': 'application/json' };
const res = await worker.fetch(new Request('http://bench.local/webchat/api/messages', { method: 'POST', headers, body }), env, ctx);
await res.arrayBuffer();
const t3 = performance.now();
process.stdout.write('PROBE ' + JSON.stringify({ startup: t1 - t0, first: t2 - t1, turn: t3 - t2, status: res.status }) + '\\n');
`;

/**
 * Build the Worker exactly as a deploy would (`wrangler deploy --dry-run --outdir`), gzip
 * its main module, and time the evaluation of its top level in fresh Node processes. The
 * runtime data asset is reported beside it: uploaded with the Worker, but read as data by a
 * cold isolate (one asset read), not compiled as script.
 */
export async function measureBundle(runs = 7): Promise<BundleResult> {
  const dir = await mkdtemp(join(tmpdir(), 'svb-bench-bundle-'));
  try {
    const output = await run(
      WRANGLER,
      ['deploy', '--dry-run', '--outdir', dir, '--metafile', join(dir, 'meta.json')],
      { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
    );
    const main = await readFile(join(dir, 'index.js'));
    const probe = join(dir, 'probe.mjs');
    await writeFile(probe, PROBE);
    const samples: { startup: number; first: number; turn: number; status: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const printed = await run(process.execPath, [
        probe,
        join(dir, 'index.js'),
        RUNTIME_DATA_FILE,
      ]);
      const line = printed.split('\n').find((l) => l.startsWith('PROBE '));
      if (!line) throw new Error(`the startup probe printed nothing:\n${printed}`);
      const sample = JSON.parse(line.slice(6)) as (typeof samples)[number];
      if (sample.status !== 200)
        throw new Error(`the bundle answered /start with ${sample.status}`);
      samples.push(sample);
    }
    const data = await readFile(RUNTIME_DATA_FILE);
    return {
      rawBytes: main.length,
      gzipBytes: gzipSync(main).length,
      dataRawBytes: data.length,
      dataGzipBytes: gzipSync(data).length,
      wranglerSummary: /Total Upload:[^\n]*/.exec(output)?.[0] ?? '',
      largest: largestInputs(await readFile(join(dir, 'meta.json'), 'utf8')),
      startupMs: round(median(samples.map((s) => s.startup)), 1),
      firstRequestMs: round(median(samples.map((s) => s.first)), 1),
      firstTurnMs: round(median(samples.map((s) => s.turn)), 1),
      runs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
