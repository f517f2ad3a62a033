import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotApiCall } from '../support/bot-api.js';
import { TELEGRAM_SECRET, faultSuitesCanRun, startFaultWorld, type FaultWorld } from './harness.js';
import { random } from './corpus.js';

// 2,000+ Telegram updates over 50 people, with 20% re-deliveries and concurrent bursts of one
// person's updates, through the real bundle: every person's transcript must be what a
// sequential run gives, nothing lost, nothing doubled.
//
// Why the expected transcript is known without replaying the bot's order: each person first
// onboards one step at a time (each step waits for the previous answer, as Telegram does), so
// that part must equal a reference person's sequential run. Then they send bursts of unknown
// commands `/zz<person>n<k>`, concurrently. At the main menu an unknown command gets the same
// two replies whatever came before ("I do not know the command /zz…", then the menu) and
// leaves the person at the menu, so any order the bot processes them in is a sequential run:
// the transcript must hold each command's pair exactly once, pairs never interleaved.
// Re-deliveries (same update_id) must add nothing. A non-2xx is re-sent like Telegram does.

const PEOPLE = 50;
const BURST_COMMANDS = 30;
const REDELIVERY_RATE = 0.2;
const MAX_IN_FLIGHT = 24;
const TELEGRAM_RETRIES = 10;
const SEED = 424_242;

const canRun = await faultSuitesCanRun('the Telegram soak suite');

describe.skipIf(!canRun)('Telegram soak: concurrency and re-deliveries', () => {
  let world: FaultWorld;

  beforeAll(async () => {
    // The per-person rate limit must not interfere (the shell reads RATE_LIMIT_PER_MINUTE).
    world = await startFaultWorld('soak', { RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await world?.stop();
  });

  it('every transcript equals a sequential run: 0 lost, 0 doubled', async () => {
    const rand = random(SEED);
    const gate = limiter(MAX_IN_FLIGHT);
    const stats = { deliveries: 0, redeliveries: 0, non2xx: 0, gaveUp: 0 };
    let nextUpdate = 1_000;

    /** Deliver like Telegram: re-send on a non-2xx, a bounded number of times. */
    async function deliver(update: object): Promise<void> {
      const body = JSON.stringify(update);
      for (let attempt = 0; attempt < TELEGRAM_RETRIES; attempt++) {
        const status = await gate(() => post(world.worker.url, body));
        if (status >= 200 && status < 300) return;
        stats.non2xx += 1;
        await sleep(100 + 100 * attempt);
      }
      stats.gaveUp += 1;
    }

    const calls = (chat: number): BotApiCall[] =>
      world.bot.calls.filter(
        (c) => c.method === 'sendMessage' && Number(c.payload.chat_id) === chat,
      );
    const texts = (chat: number) => calls(chat).map((c) => String(c.payload.text));

    function update(fields: object): object {
      const id = nextUpdate++;
      return { update_id: id, ...fields };
    }
    const who = (chat: number) => ({
      from: { id: chat, is_bot: false, first_name: `P${chat}`, language_code: 'en' },
      chat: { id: chat, type: 'private', first_name: `P${chat}` },
    });
    const say = (chat: number, text: string) =>
      update({ message: { message_id: nextUpdate, date: 0, ...who(chat), text } });
    /** Press a button of the latest keyboard sent to `chat`, chosen by `pick`. */
    function press(chat: number, pick: (data: string[]) => string | undefined): object {
      const keyboard = calls(chat).findLast((c) => c.payload.reply_markup !== undefined);
      const rows = (
        keyboard?.payload.reply_markup as { inline_keyboard?: { callback_data: string }[][] }
      )?.inline_keyboard;
      const data = (rows ?? []).flat().map((b) => b.callback_data);
      const chosen = pick(data);
      if (!keyboard || chosen === undefined) throw new Error(`chat ${chat}: no button in ${data}`);
      const { from, chat: c } = who(chat);
      return update({
        callback_query: {
          id: `cq${nextUpdate}`,
          from,
          chat_instance: 'soak',
          data: chosen,
          message: { message_id: keyboard.messageId, date: 0, chat: c, text: 'q' },
        },
      });
    }
    const onboarding: ((chat: number) => object)[] = [
      (chat) => say(chat, '/start'),
      (chat) => press(chat, (d) => d.find((x) => x.endsWith('|en'))),
      (chat) => press(chat, (d) => d[0]),
      (chat) => press(chat, (d) => d[0]),
      (chat) => press(chat, (d) => d.find((x) => x.endsWith('|few_orders'))),
      (chat) => press(chat, (d) => d.find((x) => x.endsWith('|yes'))),
    ];

    // The reference: one person onboarded strictly one update at a time.
    const referenceChat = 700_000;
    for (const step of onboarding) await deliver(step(referenceChat));
    const reference = texts(referenceChat);
    expect(reference.length).toBeGreaterThan(onboarding.length);
    const menu = reference.at(-1)!;

    const started = Date.now();
    /** Send `u`, and with probability 20% re-deliver one earlier update alongside it. */
    const sent = new Map<number, object[]>();
    function withRedelivery(chat: number, u: object): Promise<void>[] {
      const history = sent.get(chat) ?? [];
      const out: Promise<void>[] = [
        deliver(u).then(() => {
          stats.deliveries += 1;
        }),
      ];
      if (history.length > 0 && rand() < REDELIVERY_RATE / (1 - REDELIVERY_RATE)) {
        stats.redeliveries += 1;
        out.push(deliver(history[Math.floor(rand() * history.length)]!));
      }
      history.push(u);
      sent.set(chat, history);
      return out;
    }

    async function person(p: number): Promise<void> {
      const chat = 710_000 + p;
      for (const step of onboarding) await Promise.all(withRedelivery(chat, step(chat)));
      let k = 0;
      while (k < BURST_COMMANDS) {
        const size = Math.min(3 + Math.floor(rand() * 4), BURST_COMMANDS - k);
        const burst: Promise<void>[] = [];
        for (let i = 0; i < size; i++, k++)
          burst.push(...withRedelivery(chat, say(chat, `/zz${p}n${k}`)));
        await Promise.all(burst);
      }
    }
    await Promise.all(Array.from({ length: PEOPLE }, (_, p) => person(p)));
    const seconds = (Date.now() - started) / 1000;
    const total = stats.deliveries + stats.redeliveries;
    console.log(
      `telegram soak: ${total} updates (${stats.redeliveries} re-deliveries) over ${PEOPLE} people ` +
        `in ${seconds.toFixed(1)} s; ${stats.non2xx} non-2xx answers re-sent, ${stats.gaveUp} given up`,
    );
    expect(total).toBeGreaterThanOrEqual(2_000);

    const problems = { onboarding: [] as string[], lost: [] as string[], doubled: [] as string[] };
    const interleaved: string[] = [];
    for (let p = 0; p < PEOPLE; p++) {
      const chat = 710_000 + p;
      const got = texts(chat);
      const head = got.slice(0, reference.length);
      if (JSON.stringify(head) !== JSON.stringify(reference)) {
        problems.onboarding.push(`P${p}: ${JSON.stringify(head).slice(0, 300)}`);
        continue;
      }
      const rest = got.slice(reference.length);
      for (let k = 0; k < BURST_COMMANDS; k++) {
        const mine = rest.filter((t) => t.includes(`/zz${p}n${k}.`)).length;
        if (mine === 0) problems.lost.push(`/zz${p}n${k}`);
        if (mine > 1) problems.doubled.push(`/zz${p}n${k} x${mine}`);
      }
      for (let i = 0; i + 1 < rest.length; i += 2) {
        if (!rest[i]!.includes(`/zz${p}n`) || rest[i + 1] !== menu) {
          interleaved.push(`P${p} at ${i}: ${rest[i]} / ${rest[i + 1]}`);
          break;
        }
      }
    }
    console.log(
      `telegram soak: onboarding differs for ${problems.onboarding.length} people; ` +
        `${problems.lost.length} commands lost, ${problems.doubled.length} doubled; ` +
        `replies of concurrent turns interleaved for ${interleaved.length} people`,
    );
    expect
      .soft(problems.onboarding.slice(0, 10), 'onboarding differs from the reference')
      .toEqual([]);
    expect.soft(problems.lost.slice(0, 20), 'commands without a reply').toEqual([]);
    expect.soft(problems.doubled.slice(0, 20), 'commands answered more than once').toEqual([]);
    expect.soft(interleaved.slice(0, 10), 'replies of one turn split by another').toEqual([]);
    expect.soft(stats.gaveUp, 'updates Telegram would have given up on').toBe(0);
    expect.soft(stats.non2xx, 'non-2xx answers (503s to concurrent same-person updates)').toBe(0);
  }, 170_000);
});

async function post(base: string, body: string): Promise<number> {
  try {
    const res = await fetch(`${base}/telegram/webhook`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET,
      },
      body,
      signal: AbortSignal.timeout(15_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** At most `n` calls at once. */
function limiter(n: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(run: () => Promise<T>): Promise<T> => {
    if (active >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await run();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
