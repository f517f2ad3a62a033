import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultMode } from './fault-proxy.js';
import { isCommit } from './fault-proxy.js';
import {
  TELEGRAM_SECRET,
  dumpKeys,
  faultSuitesCanRun,
  startFaultWorld,
  type FaultWorld,
} from './harness.js';

// The store breaks under the real bundle: down, hanging, answering 500, or running a commit
// and losing its answer. The Worker must answer 503 fast, write nothing by halves, and once
// the store is back, handle each re-delivered update exactly once.

const canRun = await faultSuitesCanRun('the store fault suite');

/** What a person who sends /start first gets (English): the welcome and the language question. */
const START_REPLIES = 2;
const FAST_MS = 2_000;

describe.skipIf(!canRun)('store faults under the real bundle', () => {
  let world: FaultWorld;
  let updateId = 5_000;
  let chatId = 610_000;

  beforeAll(async () => {
    world = await startFaultWorld('store');
  });
  afterAll(async () => {
    await world?.stop();
  });

  const person = () => {
    const id = ++chatId;
    return {
      id,
      start: () => ({
        update_id: ++updateId,
        message: {
          message_id: updateId,
          date: 0,
          chat: { id, type: 'private', first_name: 'F' },
          from: { id, is_bot: false, first_name: 'F', language_code: 'en' },
          text: '/start',
        },
      }),
    };
  };

  /** POST an update; its status (0: no answer) and how long the answer took. */
  async function deliver(update: object): Promise<{ status: number; ms: number }> {
    return timed(`${world.worker.url}/telegram/webhook`, JSON.stringify(update), {
      'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET,
    });
  }

  async function webchat(body: object): Promise<{ status: number; ms: number }> {
    return timed(`${world.worker.url}/webchat/api/messages`, JSON.stringify(body), {});
  }

  /** Re-deliver like Telegram does until a 2xx (bounded); the statuses seen. */
  async function untilAccepted(update: object): Promise<number[]> {
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      const { status } = await deliver(update);
      seen.push(status);
      if (status >= 200 && status < 300) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    return seen;
  }

  const sendsTo = (chat: number) =>
    world.bot.of('sendMessage').filter((m) => Number(m.chat_id) === chat);

  for (const mode of ['down', 'hang', 'error500'] as FaultMode[]) {
    it(`store ${mode}: 503 within 2 s, nothing written, each re-delivery handled once after recovery`, async () => {
      world.proxy.mode('pass');
      const tg = person();
      const update = tg.start();
      const chatBody = {
        userId: `store-${mode}-${tg.id}`,
        text: '/start',
        messageId: 'm1',
        locale: 'en',
      };
      const before = await dumpKeys(world.redis, world.prefix);

      world.proxy.mode(mode);
      const telegram = await deliver(update);
      const web = await webchat(chatBody);
      expect({ telegram, web }).toMatchObject({ telegram: { status: 503 }, web: { status: 503 } });
      expect(telegram.ms).toBeLessThan(FAST_MS);
      expect(web.ms).toBeLessThan(FAST_MS);
      world.proxy.mode('pass');

      expect(await dumpKeys(world.redis, world.prefix)).toEqual(before);
      expect(sendsTo(tg.id)).toEqual([]);

      expect((await untilAccepted(update)).at(-1)).toBe(200);
      expect((await untilAccepted(update)).at(-1)).toBe(200);
      expect(sendsTo(tg.id)).toHaveLength(START_REPLIES);
      const first = await webchat(chatBody);
      const again = await webchat(chatBody);
      expect([first.status, again.status]).toEqual([200, 200]);
    });
  }

  it('a commit whose answer is lost after Redis ran it: Telegram still gets the reply exactly once', async () => {
    world.proxy.mode('pass');
    const tg = person();
    const update = tg.start();
    let droppedCommit = false;
    void world.proxy.dropNextAnswer(isCommit).then(() => (droppedCommit = true));
    const started = Date.now();
    const statuses = await untilAccepted(update);
    // Telegram keeps re-sending until a 2xx; one more late re-delivery changes nothing.
    statuses.push(...(await untilAccepted(update)));
    await new Promise((r) => setTimeout(r, 500));
    const seen = {
      droppedCommit,
      statuses,
      seconds: (Date.now() - started) / 1000,
      texts: sendsTo(tg.id).map((m) => String(m.text).slice(0, 40)),
    };
    expect(seen, world.proxy.recent().slice(-12).join('\n')).toMatchObject({
      droppedCommit: true,
      texts: expect.any(Array),
    });
    expect(seen.texts, JSON.stringify(seen)).toHaveLength(START_REPLIES);
    expect(new Set(seen.texts).size).toBe(START_REPLIES);
  }, 90_000);
});

async function timed(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: Date.now() - started };
  } catch {
    return { status: 0, ms: Date.now() - started };
  }
}
