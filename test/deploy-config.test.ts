import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { unstable_readConfig } from 'wrangler';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_DATA_ASSET } from '../src/runtime-data';

// Bindings are not inherited by wrangler environments: what the top level declares must be
// declared again under every [env.*], or that deploy runs without it (broadcasts that
// never leave, issue 12). This reads what `wrangler deploy --dry-run` says it would bind.

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const WRANGLER = join(ROOT, 'node_modules/.bin/wrangler');
const CONFIG = join(ROOT, 'wrangler.toml');

interface DryRun {
  output: string;
  /** `NAME -> resource kind`, from the bindings table. */
  bindings: Map<string, string>;
}

/** The bindings table `wrangler deploy --dry-run` prints: `env.NAME (detail)   Kind`. */
function parseBindings(output: string): Map<string, string> {
  const bindings = new Map<string, string>();
  const start = output.indexOf('Your Worker has access to the following bindings:');
  if (start < 0) return bindings;
  for (const line of output.slice(start).split('\n').slice(1)) {
    const row = /^env\.([A-Za-z_][A-Za-z0-9_]*)\b.*?\s{2,}(\S.*?)\s*$/.exec(line);
    if (row) bindings.set(row[1]!, row[2]!);
    else if (line.trim() === '' || line.startsWith('--dry-run')) break;
  }
  return bindings;
}

async function dryRun(env: string): Promise<DryRun> {
  const outdir = await mkdtemp(join(tmpdir(), 'svb-dry-run-'));
  try {
    const { stdout, stderr } = await promisify(execFile)(
      WRANGLER,
      ['deploy', '--dry-run', `--env=${env}`, '--outdir', outdir],
      {
        cwd: ROOT,
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' },
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    const output = `${stdout}\n${stderr}`;
    return { output, bindings: parseBindings(output) };
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}

let envs: string[] = [];
const runs = new Map<string, DryRun>();

beforeAll(async () => {
  const toml = await readFile(CONFIG, 'utf8');
  envs = [...new Set([...toml.matchAll(/^\s*\[+env\.([A-Za-z0-9_-]+)[.\]]/gm)].map((m) => m[1]!))];
  // One at a time: each bundles the Worker.
  for (const env of ['', ...envs]) runs.set(env, await dryRun(env));
});

describe('every wrangler environment has what the top level has', () => {
  it('finds the environments and reads the top level’s bindings', () => {
    expect(envs).toContain('production');
    expect(runs.get('')!.bindings.get('BROADCAST')).toBe('Queue');
    expect(runs.get('')!.bindings.get('ASSETS')).toBe('Assets');
  });

  it('declares every binding of the top level (by name and kind) in each [env.*]', () => {
    const top = runs.get('')!.bindings;
    for (const env of envs) {
      const own = runs.get(env)!.bindings;
      const missing = [...top].filter(([name, kind]) => own.get(name) !== kind);
      expect(missing, `bindings missing from env.${env}`).toEqual([]);
    }
  });

  it('leaves wrangler nothing to warn about “exists at the top level, but not on env.*”', () => {
    for (const env of envs)
      expect(runs.get(env)!.output, env).not.toMatch(/exists at the top level, but not on/);
  });

  it('uploads the runtime data asset with every environment, behind the Worker', () => {
    /** The part of a resolved environment this checks. */
    interface Resolved {
      assets?: { directory?: string; binding?: string; run_worker_first?: unknown };
    }
    const read = (env?: string): Resolved =>
      unstable_readConfig({ config: CONFIG, ...(env ? { env } : {}) }, { hideWarnings: true });
    const top = read().assets;
    expect(top?.binding).toBe('ASSETS');
    // Without it, /runtime-data.json would be served to anyone before the Worker runs.
    expect(top?.run_worker_first).toBe(true);
    expect(existsSync(join(resolve(ROOT, top!.directory!), RUNTIME_DATA_ASSET))).toBe(true);
    for (const env of ['', ...envs]) {
      expect(read(env).assets, env).toEqual(top);
      // The dry run reads the directory it would upload (wrangler prints how many files).
      expect(runs.get(env)!.output, env).toMatch(/Read [1-9]\d* files? from the assets directory/);
    }
  });

  it('leaves speech to text (the Workers AI binding) off in every environment by default', () => {
    for (const env of ['', ...envs]) {
      const resolved = unstable_readConfig(
        { config: CONFIG, ...(env ? { env } : {}) },
        { hideWarnings: true },
      ) as { ai?: unknown };
      expect(resolved.ai, env).toBeUndefined();
      expect(runs.get(env)!.bindings.has('AI'), env).toBe(false);
    }
  });

  it('consumes the queue it produces to, with the top level’s settings, and runs the cron', () => {
    /** The parts of a resolved environment this checks. */
    interface Resolved {
      queues: { producers?: { queue: string }[]; consumers?: { queue: string }[] };
      triggers: { crons?: string[] };
    }
    const read = (env?: string): Resolved =>
      unstable_readConfig({ config: CONFIG, ...(env ? { env } : {}) }, { hideWarnings: true });
    const top = read();
    const settings = (c: Resolved) =>
      (c.queues.consumers ?? []).map(({ queue: _name, ...rest }) => rest);
    for (const env of envs) {
      const own = read(env);
      const produced = (own.queues.producers ?? []).map((q) => q.queue).sort();
      const consumed = (own.queues.consumers ?? []).map((q) => q.queue).sort();
      expect(produced.length, env).toBe(top.queues.producers?.length ?? 0);
      expect(consumed, env).toEqual(produced);
      expect(settings(own), env).toEqual(settings(top));
      expect(own.triggers.crons, env).toEqual(top.triggers.crons);
    }
  });
});
