import { createHash } from 'node:crypto';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { COMMIT_SCRIPT } from '../../src/store/commit-script.js';

/** How the proxy treats requests that no `dropNextAnswer` claims. */
export type FaultMode = 'pass' | 'hang' | 'error500' | 'down';

/** One Redis command as the Upstash REST protocol carries it: `["evalsha", sha, ...]`. */
export type ProxiedCommand = readonly unknown[];

/** Picks the request whose answer to drop; it sees every command of the request. */
export type CommandMatcher = (command: ProxiedCommand) => boolean;

/** What the proxy counted so far. */
export interface FaultCounts {
  /** HTTP requests received, whatever happened to them. */
  requests: number;
  /** Requests forwarded to the bridge. */
  forwarded: number;
  /** Requests held without an answer (`hang`). */
  hung: number;
  /** Requests answered 500 by the proxy itself (`error500`). */
  errors: number;
  /** Connections cut without an answer (`down`). */
  refused: number;
  /** Requests that Redis ran but whose answer the proxy dropped. */
  dropped: number;
}

/** A running fault proxy in front of an Upstash bridge. */
export interface FaultProxy {
  /** Base URL to give the Worker as `UPSTASH_REDIS_REST_URL`. */
  readonly url: string;
  /** Counters since the start (or the last {@link FaultProxy.resetCounts}). */
  readonly counts: Readonly<FaultCounts>;
  /** Switch the behaviour for every following request; `pass` also frees hung requests. */
  mode(mode: FaultMode): void;
  /**
   * Forward the next request with a command `matcher` accepts, wait for Redis to run it,
   * then cut the connection (`destroy`, the default) or answer 502 instead of the answer.
   * Resolves once an answer was dropped.
   */
  dropNextAnswer(matcher: CommandMatcher, how?: 'destroy' | '502'): Promise<ProxiedCommand>;
  /** The first two words of the last commands seen (`evalsha <sha>`), newest last. */
  recent(): string[];
  resetCounts(): void;
  close(): Promise<void>;
}

/** The SHA-1 that `EVALSHA` names the turn's commit script by. */
export const COMMIT_SHA = createHash('sha1').update(COMMIT_SCRIPT).digest('hex');

/** Matches the commit script of a turn, whether sent as EVALSHA or (after NOSCRIPT) EVAL. */
export const isCommit: CommandMatcher = (command) => {
  const name = String(command[0] ?? '').toLowerCase();
  return (
    (name === 'evalsha' && command[1] === COMMIT_SHA) ||
    (name === 'eval' && command[1] === COMMIT_SCRIPT)
  );
};

const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Starts an HTTP server on 127.0.0.1 (a free port) that forwards to `target` (the Upstash
 * bridge) and can hang, answer 500, refuse, or drop the answer of a chosen command after
 * Redis ran it: the faults a store over HTTP has in production.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  if (upstream.hostname !== '127.0.0.1') throw new Error('the fault proxy forwards to loopback');
  const agent = new Agent({ keepAlive: true });
  const counts: FaultCounts = {
    requests: 0,
    forwarded: 0,
    hung: 0,
    errors: 0,
    refused: 0,
    dropped: 0,
  };
  let current: FaultMode = 'pass';
  const hung = new Set<ServerResponse>();
  const recent: string[] = [];
  const sockets = new Set<Socket>();
  let drop:
    { matcher: CommandMatcher; how: 'destroy' | '502'; done(c: ProxiedCommand): void } | undefined;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    counts.requests += 1;
    const body = await readBody(req);
    if (current === 'down') {
      counts.refused += 1;
      req.socket.destroy();
      return;
    }
    if (current === 'hang') {
      counts.hung += 1;
      hung.add(res);
      res.once('close', () => hung.delete(res));
      return;
    }
    if (current === 'error500') {
      counts.errors += 1;
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ error: 'ERR injected by the fault proxy' }));
      return;
    }
    for (const c of commandsOf(body)) {
      recent.push(
        c
          .slice(0, 2)
          .map((w) => String(w).slice(0, 48))
          .join(' '),
      );
      if (recent.length > 100) recent.shift();
    }
    const matched = drop ? commandsOf(body).find((c) => drop!.matcher(c)) : undefined;
    const claimed = matched ? drop : undefined;
    if (claimed) drop = undefined;
    counts.forwarded += 1;
    const answer = await forward(req, body);
    if (claimed && matched) {
      counts.dropped += 1;
      if (claimed.how === 'destroy') req.socket.destroy();
      else res.writeHead(502, { 'Content-Type': 'text/plain' }).end('Bad Gateway');
      claimed.done(matched);
      return;
    }
    res.writeHead(answer.status, answer.headers).end(answer.body);
  }

  function forward(
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'upstash-encoding']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      headers['content-length'] = String(body.length);
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers,
          agent,
          timeout: 30_000,
        },
        (answer) => {
          readBody(answer).then(
            (data) =>
              resolve({
                status: answer.statusCode ?? 502,
                headers: { 'Content-Type': answer.headers['content-type'] ?? 'application/json' },
                body: data,
              }),
            reject,
          );
        },
      );
      out.on('timeout', () => out.destroy(new Error('bridge timed out')));
      out.on('error', reject);
      out.end(body);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const freeHung = () => {
    for (const res of hung) res.destroy();
    hung.clear();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    mode(mode) {
      current = mode;
      if (mode !== 'hang') freeHung();
    },
    dropNextAnswer(matcher, how = 'destroy') {
      return new Promise((resolve) => {
        drop = { matcher, how, done: resolve };
      });
    },
    recent: () => [...recent],
    resetCounts() {
      for (const key of Object.keys(counts) as (keyof FaultCounts)[]) counts[key] = 0;
    },
    async close() {
      freeHung();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
      agent.destroy();
    },
  };
}

/** Every command in a request body: one command, or a pipeline / transaction of them. */
export function commandsOf(body: Buffer): ProxiedCommand[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  if (parsed.every((c) => Array.isArray(c))) return parsed as ProxiedCommand[];
  return [parsed];
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) stream.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
