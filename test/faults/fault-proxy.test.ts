import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMIT_SCRIPT } from '../../src/store/commit-script.js';
import { COMMIT_SHA, isCommit, startFaultProxy, type FaultProxy } from './fault-proxy.js';

// The proxy on its own, in front of a tiny upstream that records what reached it, the way
// the Upstash bridge would run it on Redis.

const ran: unknown[] = [];
let upstream: Server;
let proxy: FaultProxy;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      ran.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ result: 'OK', auth: req.headers.authorization }));
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  proxy = await startFaultProxy(`http://127.0.0.1:${(upstream.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => upstream?.close(() => resolve()));
});

async function send(body: unknown, timeoutMs = 2_000): Promise<number | string> {
  try {
    const res = await fetch(proxy.url, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (error) {
    return error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'cut';
  }
}

describe('fault proxy', () => {
  it('passes requests through with their auth, and counts them', async () => {
    proxy.resetCounts();
    ran.length = 0;
    expect(await send(['get', 'k'])).toBe(200);
    expect(ran).toEqual([['get', 'k']]);
    expect(proxy.counts).toMatchObject({ requests: 1, forwarded: 1 });
  });

  it('answers 500, hangs and refuses without reaching the store', async () => {
    proxy.resetCounts();
    ran.length = 0;
    proxy.mode('error500');
    expect(await send(['get', 'k'])).toBe(500);
    proxy.mode('hang');
    expect(await send(['get', 'k'], 300)).toBe('timeout');
    proxy.mode('down');
    expect(await send(['get', 'k'])).toBe('cut');
    proxy.mode('pass');
    expect(await send(['get', 'k'])).toBe(200);
    expect(ran).toEqual([['get', 'k']]);
    expect(proxy.counts).toMatchObject({ requests: 4, errors: 1, hung: 1, refused: 1 });
  });

  it('drops the answer of the matching command only after the store ran it', async () => {
    proxy.resetCounts();
    ran.length = 0;
    const dropped = proxy.dropNextAnswer(isCommit);
    expect(await send(['evalsha', 'other', '0'])).toBe(200);
    expect(
      await send([
        ['get', 'a'],
        ['evalsha', COMMIT_SHA, '1', 'k'],
      ]),
    ).toBe('cut');
    expect(await dropped).toEqual(['evalsha', COMMIT_SHA, '1', 'k']);
    expect(ran).toHaveLength(2);
    const again = proxy.dropNextAnswer(isCommit, '502');
    expect(await send(['eval', COMMIT_SCRIPT, '0'])).toBe(502);
    await again;
    expect(await send(['eval', COMMIT_SCRIPT, '0'])).toBe(200);
    expect(proxy.counts).toMatchObject({ requests: 4, forwarded: 4, dropped: 2 });
  });
});
