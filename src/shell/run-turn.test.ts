import { describe, expect, it } from 'vitest';
import { buildProgram } from '../compose';
import type { Inbound } from '../core/message';
import { createMemoryStore } from '../store/memory';
import { memoryLogger } from './logger';
import { runTurn, type TurnDeps } from './run-turn';

function deps(): TurnDeps & { store: ReturnType<typeof createMemoryStore> } {
  return {
    program: buildProgram(),
    store: createMemoryStore(),
    now: () => 1000,
    log: memoryLogger(),
  };
}

let n = 0;
const say = (d: TurnDeps, fields: Partial<Inbound>) =>
  runTurn(d, {
    channel: 'telegram',
    userId: '9',
    messageId: `m${++n}`,
    kind: 'text',
    receivedAt: 0,
    localeHint: 'en',
    ...fields,
  });

async function index(d: ReturnType<typeof deps>) {
  return (await d.store.scanUsers('0')).users;
}

describe('runTurn and the audience index', () => {
  it('indexes what audiences filter on once the profile changes, and forgets on erase', async () => {
    const d = deps();
    await say(d, { kind: 'start' });
    expect(await index(d)).toEqual([]);
    await say(d, { kind: 'choice', choiceId: 'en' });
    await say(d, { kind: 'choice', choiceId: 'furniture' });
    await say(d, { kind: 'choice', choiceId: 'zhejiang' });
    await say(d, { kind: 'choice', choiceId: 'yes' });
    expect(await index(d)).toEqual([
      {
        ref: 'telegram:9',
        data: {
          channel: 'telegram',
          locale: 'en',
          consent: true,
          category: 'furniture',
          province: 'zhejiang',
          seen: 0,
        },
      },
    ]);
    await say(d, { kind: 'command', command: 'delete_me' });
    await say(d, { kind: 'choice', choiceId: 'yes' });
    expect(await index(d)).toEqual([]);
  });

  it('does not rewrite the index on turns that leave the audience fields alone', async () => {
    const d = deps();
    await say(d, { kind: 'start' });
    await say(d, { kind: 'choice', choiceId: 'en' });
    const before = await index(d);
    await say(d, { text: 'gibberish' });
    expect(await index(d)).toEqual(before);
  });

  it('marks the day of each turn once a day, for counting active people', async () => {
    let now = Date.UTC(2026, 0, 1, 9);
    const d = { ...deps(), now: () => now };
    await say(d, { kind: 'start' });
    await say(d, { kind: 'choice', choiceId: 'en' });
    const day = Math.floor(now / 86_400_000);
    expect((await index(d))[0]?.data).toMatchObject({ locale: 'en', seen: day });
    now += 18 * 60 * 60 * 1000;
    await say(d, { text: 'gibberish' });
    expect((await index(d))[0]?.data).toMatchObject({ seen: day + 1 });
    // A conversation that expired after 30 idle days still counts the comeback.
    now += 40 * 86_400_000;
    await say(d, { text: 'hello again' });
    expect((await index(d))[0]?.data).toMatchObject({ seen: day + 41 });
  });
});
