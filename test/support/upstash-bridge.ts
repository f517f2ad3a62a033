import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { defaultRedisUrl } from './redis-available.js';

/** Options for {@link startUpstashBridge}; every field has a test-friendly default. */
export interface UpstashBridgeOptions {
  /** Defaults to `process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'`. */
  redisUrl?: string;
  /** Defaults to `'test-token'`. */
  token?: string;
  /** Defaults to 0, which picks a free port. */
  port?: number;
  /** Defaults to `'127.0.0.1'`. */
  host?: string;
}

/** A running bridge: point `@upstash/redis` at `url` with `token`. */
export interface UpstashBridge {
  /** Base URL such as `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Bearer token the bridge accepts. */
  readonly token: string;
  /** HTTP requests received so far, including rejected ones, for counting round trips. */
  readonly requests: number;
  /** Redis commands sent so far (each pipeline or transaction entry counts once). */
  readonly commands: number;
  /** Stops the HTTP server, drops keep-alive sockets and closes the Redis connection. */
  close(): Promise<void>;
}

type RedisCommand = [name: string, ...args: string[]];

type CommandReply = { result: unknown } | { error: string };

interface BridgeState {
  readonly redis: Redis;
  readonly authorization: string;
  requests: number;
  commands: number;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;

// These change per-connection state, and every HTTP request shares one connection.
const FORBIDDEN_COMMANDS = new Set([
  'AUTH',
  'DISCARD',
  'EXEC',
  'HELLO',
  'MONITOR',
  'MULTI',
  'PSUBSCRIBE',
  'PUNSUBSCRIBE',
  'QUIT',
  'RESET',
  'SELECT',
  'SSUBSCRIBE',
  'SUBSCRIBE',
  'SUNSUBSCRIBE',
  'UNSUBSCRIBE',
  'UNWATCH',
  'WATCH',
]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Starts an HTTP server speaking the Upstash Redis REST protocol in front of a real Redis. */
export async function startUpstashBridge(
  options: UpstashBridgeOptions = {},
): Promise<UpstashBridge> {
  const token = options.token ?? 'test-token';
  const redis = await connectRedis(options.redisUrl ?? defaultRedisUrl());
  const state: BridgeState = { redis, authorization: `Bearer ${token}`, requests: 0, commands: 0 };
  const server = createServer((req, res) => {
    void handleRequest(state, req, res);
  });
  try {
    await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  } catch (error) {
    redis.disconnect();
    throw error;
  }
  return {
    url: serverUrl(server),
    token,
    get requests() {
      return state.requests;
    },
    get commands() {
      return state.commands;
    },
    close: () => closeBridge(server, redis),
  };
}

async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true });
  // Failures surface on the commands that hit them; the event itself must not crash the test run.
  redis.on('error', () => undefined);
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Upstash bridge could not connect to Redis at ${url}: ${errorMessage(error)}`);
  }
  return redis;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function serverUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

async function closeBridge(server: Server, redis: Redis): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // The client uses keep-alive, so idle sockets would otherwise hold close() open.
  server.closeAllConnections();
  await closed;
  await redis.quit().catch(() => redis.disconnect());
}

async function handleRequest(
  state: BridgeState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  state.requests += 1;
  try {
    const { status, body } = await route(state, req);
    sendJson(res, status, body);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 500;
    sendJson(res, status, { error: errorMessage(error) });
  }
}

async function route(
  state: BridgeState,
  req: IncomingMessage,
): Promise<{ status: number; body: unknown }> {
  if (req.headers.authorization !== state.authorization) {
    throw new HttpError(401, 'Unauthorized');
  }
  if (req.method !== 'POST') {
    throw new HttpError(405, 'Method Not Allowed');
  }
  const path = new URL(req.url ?? '/', 'http://bridge').pathname.replace(/\/+$/, '');
  const base64 = req.headers['upstash-encoding'] === 'base64';
  const payload = parseJson(await readBody(req));
  switch (path) {
    case '':
      return runSingle(state, toCommand(payload), base64);
    case '/pipeline':
      return { status: 200, body: await runPipeline(state, toCommands(payload), base64) };
    case '/multi-exec':
      return { status: 200, body: await runMultiExec(state, toCommands(payload), base64) };
    default:
      throw new HttpError(404, 'Not Found');
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Drain instead of destroying the socket so the client still receives the 413.
        req.off('data', onData);
        req.resume();
        reject(new HttpError(413, `ERR request body exceeds ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `ERR failed to parse request body as JSON: ${errorMessage(error)}`);
  }
}

function toCommands(payload: unknown): RedisCommand[] {
  if (!Array.isArray(payload) || payload.length === 0) {
    throw new HttpError(400, 'ERR request body must be a non-empty array of commands');
  }
  return payload.map(toCommand);
}

function toCommand(payload: unknown): RedisCommand {
  if (!Array.isArray(payload) || payload.length === 0) {
    throw new HttpError(400, 'ERR command must be a non-empty array');
  }
  const [name, ...args] = payload.map(toArgument);
  if (name === undefined || FORBIDDEN_COMMANDS.has(name.toUpperCase())) {
    throw new HttpError(400, `ERR command is not allowed by the Upstash bridge: ${name ?? ''}`);
  }
  return [name, ...args];
}

function toArgument(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw new HttpError(400, 'ERR command arguments must be strings, numbers or booleans');
}

async function runSingle(
  state: BridgeState,
  command: RedisCommand,
  base64: boolean,
): Promise<{ status: number; body: CommandReply }> {
  try {
    return { status: 200, body: { result: encodeResult(await execute(state, command), base64) } };
  } catch (error) {
    return { status: 400, body: { error: errorMessage(error) } };
  }
}

async function runPipeline(
  state: BridgeState,
  commands: RedisCommand[],
  base64: boolean,
): Promise<CommandReply[]> {
  // Issued synchronously in order on one connection, so replies come back in order.
  return Promise.all(
    commands.map((command) =>
      execute(state, command).then(
        (reply): CommandReply => ({ result: encodeResult(reply, base64) }),
        (error: unknown): CommandReply => ({ error: errorMessage(error) }),
      ),
    ),
  );
}

async function runMultiExec(
  state: BridgeState,
  commands: RedisCommand[],
  base64: boolean,
): Promise<CommandReply[]> {
  const transaction = state.redis.multi();
  for (const [name, ...args] of commands) {
    transaction.callBuffer(redisName(name), ...args);
  }
  state.commands += commands.length;
  const results = await transaction.exec().catch((error: unknown) => {
    throw new HttpError(400, transactionErrorMessage(error));
  });
  if (results === null) {
    throw new HttpError(400, 'EXECABORT transaction aborted');
  }
  return results.map(([error, reply]): CommandReply =>
    error ? { error: error.message } : { result: encodeResult(reply, base64) },
  );
}

function execute(state: BridgeState, [name, ...args]: RedisCommand): Promise<unknown> {
  state.commands += 1;
  return state.redis.callBuffer(redisName(name), ...args);
}

function redisName(name: string): string {
  // ioredis keys reply transformers (e.g. HGETALL -> object) by the lower-case name, so upper-case bypasses them.
  return name.toUpperCase();
}

function transactionErrorMessage(error: unknown): string {
  const message = errorMessage(error);
  const previous = hasPreviousErrors(error) ? error.previousErrors.map(errorMessage) : [];
  return previous.length > 0 ? `${message} ${previous.join('; ')}` : message;
}

function hasPreviousErrors(error: unknown): error is { previousErrors: unknown[] } {
  return (
    typeof error === 'object' &&
    error !== null &&
    'previousErrors' in error &&
    Array.isArray(error.previousErrors)
  );
}

/**
 * Mirrors the client's decode(): a top-level string is base64-decoded unless it is exactly "OK",
 * but strings directly inside an array are always base64-decoded, so only the top level may be plain "OK".
 */
function encodeResult(reply: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(reply) && base64 && reply.toString('latin1') === 'OK') {
    return 'OK';
  }
  return encodeValue(reply, base64);
}

function encodeValue(reply: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(reply)) {
    return reply.toString(base64 ? 'base64' : 'utf8');
  }
  if (Array.isArray(reply)) {
    return reply.map((item: unknown) => encodeValue(item, base64));
  }
  if (reply instanceof Error) {
    return encodeValue(Buffer.from(reply.message, 'utf8'), base64);
  }
  if (typeof reply === 'string') {
    return encodeValue(Buffer.from(reply, 'utf8'), base64);
  }
  if (typeof reply === 'number') {
    return reply;
  }
  return null;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) {
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
