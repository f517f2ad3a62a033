import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Options for {@link startWranglerDev}. */
export interface WranglerDevOptions {
  /** Vars passed as `--var KEY:VALUE`; they override `[vars]` in wrangler.toml. */
  vars?: Record<string, string>;
  /** Defaults to a free port picked by binding port 0. */
  port?: number;
  /** How long to wait for `GET /healthz` to answer 200. Defaults to 60 s. */
  readyTimeoutMs?: number;
  /**
   * `healthy` (the default): wait for `GET /healthz` to answer 200, and fail fast on
   * "misconfigured". `answering`: any HTTP answer will do (a deliberately broken setup).
   */
  ready?: 'healthy' | 'answering';
}

/** A running `wrangler dev`: the real bundle in workerd, on 127.0.0.1. */
export interface WranglerDev {
  /** Base URL such as `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  /** Stops wrangler and workerd (the whole process group) and removes the temp dir. */
  stop(): Promise<void>;
  /** Everything wrangler printed so far (stdout and stderr, interleaved). */
  logs(): string;
}

const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const WRANGLER_BIN = join(PROJECT_ROOT, 'node_modules/.bin/wrangler');
const DEFAULT_READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const MAX_LOG_CHARS = 200_000;

// Set in the parent environment, these would change what the Worker sees or how wrangler behaves.
const SCRUBBED_ENV = [
  'CLOUDFLARE_ENV',
  'CLOUDFLARE_INCLUDE_PROCESS_ENV',
  'CLOUDFLARE_LOAD_DEV_VARS_FROM_DOT_ENV',
  'CLOUDFLARE_API_TOKEN',
  'CLOUDFLARE_ACCOUNT_ID',
];

/**
 * Starts `wrangler dev` on a free local port and resolves once `GET /healthz` answers 200.
 *
 * The Worker sees only wrangler.toml's `[vars]` plus `options.vars`: `.dev.vars` and `.env`
 * are never read (an empty `--env-file` replaces them), and state persists to a fresh temp
 * dir. On failure it rejects with wrangler's output, after stopping what it started.
 */
export async function startWranglerDev(options: WranglerDevOptions = {}): Promise<WranglerDev> {
  for (const key of Object.keys(options.vars ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`invalid var name: ${key}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'svb-wrangler-dev-'));
  const envFile = join(dir, 'empty.env');
  await writeFile(envFile, '');
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;

  const args = [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--inspector-port',
    String(await freePort()),
    '--persist-to',
    join(dir, 'state'),
    '--env-file',
    envFile,
    '--show-interactive-dev-session=false',
    '--live-reload=false',
  ];
  for (const [key, value] of Object.entries(options.vars ?? {})) {
    args.push('--var', `${key}:${value}`);
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    // Offline-friendly: do not fetch the Request.cf placeholder from workers.cloudflare.com.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_LOG_PATH: join(dir, 'logs'),
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  };
  for (const name of SCRUBBED_ENV) delete env[name];

  let output = '';
  const append = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    if (output.length > MAX_LOG_CHARS) output = output.slice(-MAX_LOG_CHARS);
  };

  // Detached: wrangler and workerd share a new process group that stop() kills as one.
  const child = spawn(WRANGLER_BIN, args, {
    cwd: PROJECT_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else child.once('exit', () => resolveExit());
  });
  const spawnError = new Promise<Error>((resolveError) => child.once('error', resolveError));
  // A test runner that dies without afterAll must not leave workerd behind.
  const killOnExit = (): void => {
    killGroup(child, 'SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      process.off('exit', killOnExit);
      await stopGroup(child, exited);
      await rm(dir, { recursive: true, force: true });
    })());
  const logs = (): string => output;

  try {
    await waitUntilHealthy(
      url,
      options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      { exited, spawnError },
      options.ready ?? 'healthy',
    );
  } catch (error) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `wrangler dev did not become ready: ${reason}\n--- wrangler output ---\n${output}`,
    );
  }
  return { url, stop, logs };
}

/** Binds port 0 on 127.0.0.1 and returns the port the OS chose, releasing it again. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port > 0 ? resolvePort(port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilHealthy(
  url: string,
  timeoutMs: number,
  child: { exited: Promise<void>; spawnError: Promise<Error> },
  ready: 'healthy' | 'answering',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let finished: string | undefined;
  void child.exited.then(() => (finished ??= 'wrangler exited before it was ready'));
  void child.spawnError.then((e) => (finished ??= `could not spawn wrangler: ${e.message}`));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (finished) throw new Error(finished);
    const answer = await probe(`${url}/healthz`);
    if (answer.status === 200 || (ready === 'answering' && answer.status !== 0)) return;
    last = answer.status
      ? `GET /healthz answered ${answer.status}: ${answer.body.slice(0, 500)}`
      : `GET /healthz failed: ${answer.body}`;
    // A configuration error (src/index.ts answers 503 "misconfigured") does not heal by waiting.
    if (answer.body.includes('"misconfigured"')) throw new Error(last);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs} ms (${last})`);
}

/** One GET; status 0 with the error message when there is no HTTP answer at all. */
async function probe(url: string): Promise<{ status: number; body: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error) };
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    // ESRCH: the group is already gone.
    return false;
  }
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, then SIGKILL to whatever is left of it after a grace period. */
async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined) return;
  killGroup(child, 'SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  await Promise.race([exited, new Promise((r) => setTimeout(r, STOP_GRACE_MS))]);
  // wrangler may exit before workerd does; wait for the whole group, not just the leader.
  while (groupAlive(child) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  if (groupAlive(child)) {
    killGroup(child, 'SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 2_000))]);
  }
  child.stdout?.destroy();
  child.stderr?.destroy();
}
