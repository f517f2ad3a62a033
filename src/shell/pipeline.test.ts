import { describe, expect, it } from 'vitest';
import { buildProgram } from '../compose';
import type { Inbound, Outbound } from '../core/message';
import { createMemoryStore } from '../store/memory';
import { memoryLogger } from './logger';
import {
  blockedTurn,
  deliverTurn,
  respondTurn,
  type Acknowledgement,
  type Outlet,
  type PipelineDeps,
  type SendOutcome,
} from './pipeline';
import type { TurnHooks } from './turn-hooks';

function deps(hooks?: TurnHooks) {
  const store = createMemoryStore();
  const log = memoryLogger();
  const d = {
    turn: {
      program: buildProgram(),
      store,
      now: () => 1000,
      log,
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, Math.min(ms, 2))),
    },
    log,
    ...(hooks ? { hooks } : {}),
  };
  return d satisfies PipelineDeps;
}

const user = { channel: 'telegram' as const, userId: '7' };
const inbound = (messageId: string, fields: Partial<Inbound> = {}): Inbound =>
  ({ ...user, messageId, kind: 'start', receivedAt: 0, localeHint: 'en', ...fields }) as Inbound;

/** A fake channel: records what it was asked to send; `fail` decides how a send goes. */
function fakeOutlet(fail?: (call: number) => SendOutcome | 'throw') {
  const sent: Outbound[][] = [];
  const acks: Acknowledgement[] = [];
  let answered = false;
  const outlet: Outlet & { sent: Outbound[][]; acks: Acknowledgement[] } = {
    sent,
    acks,
    logFields: { updateId: 5 },
    acknowledge(turn) {
      acks.push(turn);
      return Promise.resolve(answered);
    },
    send(replies) {
      const outcome = fail?.(sent.length);
      sent.push([...replies]);
      if (outcome === 'throw') return Promise.reject(new Error('socket closed'));
      return Promise.resolve(outcome ?? { ok: true });
    },
  };
  return Object.assign(outlet, { answerOnButton: () => (answered = true) });
}

describe('deliverTurn', () => {
  it('sends the replies once and marks them delivered; a re-delivery sends nothing', async () => {
    const d = deps();
    const outlet = fakeOutlet();
    const outcome = await deliverTurn(d, inbound('1'), outlet);
    expect(outlet.sent).toEqual([outcome.replies]);
    expect(outcome.replies.length).toBeGreaterThan(0);
    expect(outlet.acks).toEqual([{ outcome, deliver: true, stale: false }]);

    const again = fakeOutlet();
    const repeat = await deliverTurn(d, inbound('1'), again);
    expect(repeat.duplicate).toBe(true);
    expect(again.sent).toEqual([]);
    expect(again.acks[0]?.deliver).toBe(false);
  });

  it("keeps the person's lease until the replies are out: the next turn waits", async () => {
    const d = deps();
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Outlet = {
      async send() {
        order.push('first:send');
        await gate;
        order.push('first:sent');
        return { ok: true };
      },
    };
    const first = deliverTurn(d, inbound('1'), slow);
    while (order.length === 0) await new Promise((r) => setTimeout(r, 1));
    const second = deliverTurn(d, inbound('2', { kind: 'command', command: 'help' }), {
      send: () => {
        order.push('second:send');
        return Promise.resolve({ ok: true });
      },
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(order).toEqual(['first:send']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first:send', 'first:sent', 'second:send']);
  });

  it('a send that throws gives the lease back unmarked: the re-delivery sends the replies', async () => {
    const d = deps();
    const broken = fakeOutlet(() => 'throw');
    await expect(deliverTurn(d, inbound('1'), broken)).rejects.toThrow('socket closed');
    const retry = fakeOutlet();
    const outcome = await deliverTurn(d, inbound('1'), retry);
    expect(outcome.duplicate).toBe(true);
    expect(retry.sent).toEqual([outcome.replies]);
    // Delivered now: a third delivery of the same message sends nothing.
    const third = fakeOutlet();
    await deliverTurn(d, inbound('1'), third);
    expect(third.sent).toEqual([]);
  });

  it('a person who blocked the bot gets a stop turn and becomes inactive', async () => {
    const d = deps();
    await deliverTurn(d, inbound('1'), fakeOutlet());
    const blocked = fakeOutlet(() => ({ ok: false, blocked: true, sent: 0, error: '403' }));
    await deliverTurn(d, inbound('2', { kind: 'command', command: 'help' }), blocked);
    expect((await d.turn.store.load(user, 'x')).profile).toMatchObject({ active: false });
    expect(d.log.lines.find((l) => l.event === 'telegram_blocked')?.fields).toMatchObject({
      updateId: 5,
      sent: 0,
    });
    // The stop turn is the bot's own and was stored under its own id.
    expect((await d.turn.store.load(user, 'blocked:2')).handled).not.toBeNull();
  });

  it('another failure is logged and acknowledged: the turn stays stored', async () => {
    const d = deps();
    const failing = fakeOutlet(() => ({ ok: false, blocked: false, sent: 1, error: '500' }));
    await deliverTurn(d, inbound('1'), failing);
    expect(d.log.lines.find((l) => l.event === 'telegram_send_failed')?.fields).toEqual({
      updateId: 5,
      sent: 1,
      message: '500',
    });
    expect((await d.turn.store.load(user, 'x')).version).toBe(1);
    const retry = fakeOutlet();
    await deliverTurn(d, inbound('1'), retry);
    expect(retry.sent).toEqual([]);
  });

  it('an input answered where it was made (a stale button) sends nothing', async () => {
    const d = deps();
    const outlet = fakeOutlet();
    outlet.answerOnButton();
    await deliverTurn(d, inbound('1'), outlet);
    expect(outlet.acks).toHaveLength(1);
    expect(outlet.sent).toEqual([]);
  });

  it("runs the hooks' work after the turn's own commit only, with the roles they vouch for", async () => {
    const seen: Inbound[] = [];
    const hooks: TurnHooks = {
      roles: () => ['trainer'],
      afterCommit: (vouched) => {
        seen.push(vouched);
        return Promise.resolve([{ text: 'job queued' }]);
      },
    };
    const d = deps(hooks);
    const outlet = fakeOutlet();
    const outcome = await deliverTurn(d, inbound('1'), outlet);
    expect(outlet.sent).toEqual([[...outcome.replies, { text: 'job queued' }]]);
    expect(seen.map((i) => i.roles)).toEqual([['trainer']]);
    await deliverTurn(d, inbound('1'), fakeOutlet());
    expect(seen).toHaveLength(1);
  });
});

describe('respondTurn', () => {
  it('answers the replies; a retry of the same message gets the stored replies, once done', async () => {
    const d = deps();
    const first = await respondTurn(d, inbound('1', { channel: 'webchat' }));
    const retry = await respondTurn(d, inbound('1', { channel: 'webchat' }));
    expect(first.duplicate).toBe(false);
    expect(retry.duplicate).toBe(true);
    expect(retry.replies).toEqual(first.replies);
    expect((await d.turn.store.load({ channel: 'webchat', userId: '7' }, 'x')).version).toBe(1);
  });
});

describe('blockedTurn', () => {
  it('marks the person inactive with a system turn that no rate limit refuses', async () => {
    const d = deps();
    const limited = { ...d.turn, perMinute: 1 };
    await deliverTurn({ ...d, turn: limited }, inbound('1'), fakeOutlet());
    await blockedTurn(limited, { ...user, receivedAt: 0 }, 'blocked:x');
    expect((await d.turn.store.load(user, 'y')).profile).toMatchObject({ active: false });
  });
});
