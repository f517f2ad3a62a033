import { describe, expect, it } from 'vitest';
import type { Recipient } from '../../broadcast/audience';
import type { SendResult, Sender } from '../../broadcast/senders';
import { buildDeps } from '../../compose';
import type { Inbound } from '../../core/message';
import { memoryLogger } from '../../shell/logger';
import { runTurn } from '../../shell/run-turn';
import { createMemoryStore } from '../../store/memory';
import { advanceDrip, nextSlot, startDrip } from '../drip-schedule';
import { sendDueDrips } from './drip';
import { dripDeps } from './schedule';
import { copy, copyPattern, re } from '../../../test/support/copy';

const SHIPPING = 'Shipping and packaging';
/** The lesson header of the shipping course's lesson `position`, whatever its length. */
const header = (position: number) =>
  copyPattern('courses.lesson_header', 'en', {
    course: SHIPPING,
    position,
    total: 5,
    minutes: /\d+/,
  });

/** Milliseconds of a time in China (UTC+8). */
const china = (day: number, hour: number, minute = 0) => Date.UTC(2026, 0, day, hour - 8, minute);
const DAY = 24 * 60 * 60 * 1000;

describe('drip schedule (China time)', () => {
  it('starts at the next such hour and moves on by whole days, skipping missed ones', () => {
    expect(nextSlot(china(5, 9), 7)).toBe(china(6, 7));
    expect(nextSlot(china(5, 6, 59), 7)).toBe(china(5, 7));
    expect(nextSlot(china(5, 7), 7)).toBe(china(6, 7));
    const drip = startDrip(china(5, 9), 2, 7);
    expect(advanceDrip(drip, china(6, 7)).nextAt).toBe(china(8, 7));
    // Down for a week: the next lesson is the next slot on the cadence, not seven at once.
    expect(advanceDrip(drip, china(13, 7, 30)).nextAt).toBe(china(14, 7));
  });
});

function setup(maxChecks = 15) {
  let clock = china(5, 9);
  const store = createMemoryStore({ now: () => clock });
  const deps = buildDeps({}, { store, log: memoryLogger(), now: () => clock });
  const sent: { ref: string; text: string }[] = [];
  const blocked: Recipient[] = [];
  let answer: SendResult = { outcome: 'sent' };
  const sender: Sender = {
    send: async (recipient, text) => {
      if (answer.outcome === 'sent') sent.push({ ref: recipient.ref, text });
      return answer;
    },
  };
  const drips = dripDeps(deps, {
    senders: { telegram: sender },
    onBlocked: async (r) => void blocked.push(r),
    maxChecks,
  });
  let n = 0;
  const say = (fields: Partial<Inbound>, userId = '42') =>
    runTurn(deps.turn, {
      channel: 'telegram',
      userId,
      messageId: `m${++n}`,
      kind: 'text',
      localeHint: 'en',
      receivedAt: clock,
      ...fields,
    });
  return {
    store,
    sent,
    blocked,
    say,
    at: (t: number) => void (clock = t),
    run: () => sendDueDrips(drips, clock),
    block: () => void (answer = { outcome: 'blocked' }),
  };
}

async function subscribeWithDrip(s: ReturnType<typeof setup>, userId = '42') {
  await s.say({ kind: 'start', args: 'course_shipping' }, userId);
  await s.say({ kind: 'choice', choiceId: 'subscribe' }, userId);
  await s.say({ kind: 'choice', choiceId: 'drip' }, userId);
  await s.say({ kind: 'choice', choiceId: 'd2' }, userId);
  const set = await s.say({ kind: 'choice', choiceId: 'h07' }, userId);
  expect(set.replies[0]!.text).toContain(
    copy('courses.drip.every', 'en', { days: 2, hour: '07:00' }),
  );
}

describe('drip lessons from the cron run, on a fake clock', () => {
  it('sends the next lesson at the chosen hour every N days, once per slot', async () => {
    const s = setup();
    await subscribeWithDrip(s);
    s.at(china(6, 6, 55));
    expect(await s.run()).toBe(0);
    s.at(china(6, 7));
    expect(await s.run()).toBe(1);
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0]!.ref).toBe('telegram:42');
    expect(s.sent[0]!.text).toMatch(
      re`^${copy('courses.drip.arrived', 'en', { course: SHIPPING })}`,
    );
    expect(s.sent[0]!.text).toMatch(header(1));
    expect(s.sent[0]!.text).toMatch(
      re`${copy('courses.quiz.ask', 'en')}\n${copy('courses.drip.reply_with', 'en', { choices: 'A / B / C' })}$`,
    );
    s.at(china(6, 7, 5));
    expect(await s.run()).toBe(0);
    s.at(china(7, 7));
    expect(await s.run()).toBe(0);
    // They answer the quiz from the drip message by typing.
    const answered = await s.say({ text: 'B' });
    expect(answered.replies[0]!.text).toMatch(
      re`^${copyPattern('courses.quiz.right', 'en', { explanation: /[^]*/ })}`,
    );
    s.at(china(8, 7, 10));
    expect(await s.run()).toBe(1);
    expect(s.sent[1]!.text).toMatch(header(2));
  });

  it('two overlapping runs deliver a due lesson once', async () => {
    const s = setup();
    await subscribeWithDrip(s);
    s.at(china(6, 7));
    const counts = await Promise.all([s.run(), s.run()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(s.sent).toHaveLength(1);
  });

  it('waits while the person is in another flow, and comes when they are done', async () => {
    const s = setup();
    await subscribeWithDrip(s);
    s.at(china(6, 6, 30));
    await s.say({ kind: 'command', command: 'logistics' });
    s.at(china(6, 7));
    expect(await s.run()).toBe(0);
    await s.say({ kind: 'command', command: 'menu' });
    s.at(china(6, 7, 5));
    expect(await s.run()).toBe(1);
  });

  it('stops after unsubscribing, and marks someone who blocked the bot', async () => {
    const s = setup();
    await subscribeWithDrip(s);
    s.at(china(6, 7));
    s.block();
    expect(await s.run()).toBe(0);
    expect(s.blocked.map((r) => r.ref)).toEqual(['telegram:42']);
    await s.say({ kind: 'start', args: 'course_shipping' });
    await s.say({ kind: 'choice', choiceId: 'unsubscribe' });
    s.at(china(6, 7) + 2 * DAY);
    expect(await s.run()).toBe(0);
    expect(await s.store.setMembers('course:shipping:drip:h07')).toEqual([]);
  });

  it('looks at a slice of the people of the hour per run, so everyone is reached within the hour', async () => {
    const s = setup(1);
    await subscribeWithDrip(s, '42');
    await subscribeWithDrip(s, '43');
    s.at(china(6, 7));
    expect(await s.run()).toBe(1);
    s.at(china(6, 7, 5));
    expect(await s.run()).toBe(1);
    expect(s.sent.map((m) => m.ref).sort()).toEqual(['telegram:42', 'telegram:43']);
  });
});
