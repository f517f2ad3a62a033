import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../test/support/admin-app';
import { copy } from '../../test/support/copy';
import type { Inbound } from '../core/message';
import { runTurn } from '../shell/run-turn';
import { readAudit } from './audit';

const body = {
  id: 'training_trial',
  arms: [
    { id: 'control', weight: 1 },
    { id: 'training', weight: 1 },
  ],
  stratifyBy: ['province'],
  audience: { all: true },
};

function call(
  t: ReturnType<typeof adminTestApp>,
  method: string,
  path: string,
  payload?: unknown,
  token = ADMIN_TEST_TOKENS.researcher,
) {
  return t.app.request(`/admin/api${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
}

describe('/admin/api/experiments', () => {
  it('defines an experiment once, with a seed, audited; a repeat is 409', async () => {
    const t = adminTestApp();
    const res = await call(t, 'POST', '/experiments', body);
    expect(res.status).toBe(201);
    const made = (await res.json()) as { id: string; seed: string };
    expect(made).toMatchObject({ id: 'training_trial', seed: expect.any(String) });
    const again = await call(t, 'POST', '/experiments', body);
    expect(again.status).toBe(409);
    // The first definition (and its seed) stands.
    expect(
      ((await t.store.experiments()) as Record<string, { seed: string }>).training_trial!.seed,
    ).toBe(made.seed);
    const audit = await readAudit(t.store);
    const defined = audit.filter((e) => e.action === 'experiment.create');
    expect(defined.map((e) => [e.target?.id, e.details])).toEqual([
      ['training_trial', { arms: 2 }],
    ]);
  });

  it('the codebook and the analysis scripts describe the arm column the CSV has', async () => {
    const t = adminTestApp();
    await call(t, 'POST', '/experiments', body);
    const get = async (format: string) =>
      (await call(t, 'GET', `/surveys/seller_baseline/export?format=${format}`)).text();
    const header = (await get('csv'))
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!
      .split(',');
    expect(header.at(-1)).toBe('arm_training_trial');
    const codebook = (await get('codebook')).split('\r\n').map((l) => l.split(',')[0]);
    expect(codebook).toContain('arm_training_trial');
    expect(await get('r')).toContain('arm_training_trial');
  });

  it('refuses a bad definition with every field error at once', async () => {
    const t = adminTestApp();
    const res = await call(t, 'POST', '/experiments', {
      id: 'Bad Id',
      arms: [{ id: 'only', weight: 0 }],
      stratifyBy: ['village'],
      audience: {},
    });
    expect(res.status).toBe(400);
    const fields = Object.keys(((await res.json()) as { fields: object }).fields);
    expect(fields).toEqual(
      expect.arrayContaining(['id', 'arms', 'arms.0.weight', 'stratifyBy.0', 'audience']),
    );
    expect((await call(t, 'POST', '/experiments', undefined)).status).toBe(400);
  });

  it('answers the balance per arm and stratum; trainers may not', async () => {
    const t = adminTestApp();
    await call(t, 'POST', '/experiments', body);
    for (const [i, province] of ['zhejiang', 'zhejiang', 'yunnan'].entries()) {
      const user = { channel: 'telegram', userId: String(100 + i) };
      await t.store.commit(user, {
        expectedVersion: 0,
        messageId: 'seed',
        conversation: null,
        profile: { locale: 'en', consent: true, onboarded: true, province },
        replies: [],
        effects: [],
      });
      const inbound: Inbound = {
        ...user,
        channel: 'telegram',
        messageId: 'm',
        receivedAt: 0,
        kind: 'command',
        command: 'help',
      };
      await runTurn(t.deps.turn, inbound);
    }
    const res = await call(t, 'GET', '/experiments/training_trial');
    expect(res.status).toBe(200);
    const balance = (await res.json()) as {
      id: string;
      arms: Record<string, number>;
      strata: Record<string, Record<string, number>>;
    };
    expect(balance.id).toBe('training_trial');
    expect(balance.arms.control! + balance.arms.training!).toBe(3);
    expect(Object.values(balance.strata.zhejiang!).reduce((a, b) => a + b, 0)).toBe(2);
    // Blocks of 4: two people of one stratum may share an arm; the totals add up.
    expect(Object.values(balance.strata.yunnan!).reduce((a, b) => a + b, 0)).toBe(1);
    expect((await call(t, 'GET', '/experiments/nope')).status).toBe(404);
    const trainer = await call(
      t,
      'GET',
      '/experiments/training_trial',
      undefined,
      ADMIN_TEST_TOKENS.trainer,
    );
    expect(trainer.status).toBe(403);
  });

  it('shows the balance per arm and stratum on the console survey page', async () => {
    const t = adminTestApp();
    const browser = new Browser(t.app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    const before = await (await browser.get('/admin/surveys/seller_baseline?lang=en')).text();
    expect(before).toContain(copy('admin.experiments.none', 'en'));
    await call(t, 'POST', '/experiments', body);
    const user = { channel: 'telegram' as const, userId: '7' };
    await t.store.commit(user, {
      expectedVersion: 0,
      messageId: 'seed',
      conversation: null,
      profile: { locale: 'en', consent: true, onboarded: true, province: 'yunnan' },
      replies: [],
      effects: [],
    });
    await runTurn(t.deps.turn, {
      ...user,
      messageId: 'm',
      receivedAt: 0,
      kind: 'command',
      command: 'help',
    });
    const page = await (await browser.get('/admin/surveys/seller_baseline?lang=en')).text();
    const table =
      /<table data-experiment="training_trial">([\s\S]*?)<\/table>/.exec(page)?.[1] ?? '';
    expect(table).toContain(copy('admin.experiments.total', 'en'));
    expect(table).toMatch(/<th><code>yunnan<\/code><\/th>(<td>[01]<\/td>){2}/);
    expect(page).not.toContain(copy('admin.experiments.none', 'en'));
  });
});
