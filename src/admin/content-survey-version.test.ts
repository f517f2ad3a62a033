import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { copy } from '../../test/support/copy';
import type { Inbound } from '../core/message';
import { runTurn } from '../shell/run-turn';

const server = setupServer(...botApiHandlers(new FakeBotApi()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const l = (en: string, zh: string) => ({ 'zh-CN': zh, en });
/** A new version of the bundled seller_baseline: one question only. */
const SHORTER = {
  id: 'seller_baseline',
  title: l('Village online shop survey (short)', '乡村网店问卷（简版）'),
  intro: l('One question.', '一个问题。'),
  consent: l('Voluntary.', '自愿参加。'),
  thanks: l('Thanks!', '谢谢！'),
  questions: [
    {
      id: 'years',
      type: 'integer',
      required: true,
      min: 0,
      max: 60,
      text: l('Years selling online?', '您在网上卖货几年了？'),
    },
  ],
};

function call(
  app: ReturnType<typeof adminTestApp>['app'],
  method: string,
  path: string,
  body?: unknown,
) {
  return app.request(`/admin/api${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${ADMIN_TEST_TOKENS.researcher}`,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe('a bundled survey gets a new version from the console', () => {
  it('drafts as version 2, publishes it beside the file, and new respondents get it', async () => {
    const t = adminTestApp();
    const { app } = t;
    // Before: version 1 from content/surveys, nothing to publish.
    expect((await call(app, 'POST', '/surveys/seller_baseline/publish')).status).toBe(409);
    const saved = await call(app, 'POST', '/surveys', SHORTER);
    expect(saved.status).toBe(201);
    expect(await saved.json()).toEqual({ id: 'seller_baseline', status: 'draft', version: 2 });
    const published = await call(app, 'POST', '/surveys/seller_baseline/publish');
    expect(await published.json()).toEqual({ id: 'seller_baseline', version: 2, status: 'open' });

    const detail = (await (await call(app, 'GET', '/surveys/seller_baseline')).json()) as {
      version: number;
      versions: number[];
      source: string;
      definition: { questions: unknown[] };
    };
    expect(detail).toMatchObject({ version: 2, versions: [1, 2], source: 'content' });
    expect(detail.definition.questions).toHaveLength(1);
    // Version 1 is still the bundled file, unchanged; the definition download says which.
    const v1 = (await (
      await call(app, 'GET', '/surveys/seller_baseline/definition?version=1')
    ).json()) as { version: number; questions: unknown[] };
    expect(v1.version).toBe(1);
    expect(v1.questions.length).toBeGreaterThan(1);
    const v2 = await call(app, 'GET', '/surveys/seller_baseline/definition');
    expect(v2.headers.get('Content-Disposition')).toContain('seller_baseline-v2.json');

    // A person starting it now is asked version 2 (a fresh catalogue, as after the TTL).
    t.deps.surveys.catalog.invalidate();
    const catalog = await t.deps.surveys.catalog.catalog();
    expect(catalog.seller_baseline?.current).toBe(2);
    expect(Object.keys(catalog.seller_baseline?.versions ?? {}).sort()).toEqual(['1', '2']);
    const outcome = await runTurn(t.deps.turn, {
      channel: 'telegram',
      userId: '501',
      messageId: '501-1',
      kind: 'command',
      command: 'survey',
      args: 'seller_baseline',
      receivedAt: 0,
    } as Inbound);
    const said = outcome.replies.map((r) => JSON.stringify(r));
    expect(said.join('\n')).toContain('一个问题。');

    // A version never changes: the next draft is version 3.
    const again = await call(app, 'POST', '/surveys', { ...SHORTER, version: 2 });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { fields: Record<string, string[]> }).fields.version).toEqual([
      copy('field_errors.sentence', 'zh-CN', {
        place: copy('field_errors.fields.version', 'zh-CN'),
        words: copy('surveyTools.validation.draftVersion', 'zh-CN', { next: 3 }),
      }),
    ]);
  });

  it('shows the publish button on the console page of a bundled survey with a draft', async () => {
    const { app } = adminTestApp();
    await call(app, 'POST', '/surveys', SHORTER);
    const browser = new Browser(app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    const html = await (await browser.get('/admin/surveys/seller_baseline?lang=en')).text();
    expect(html).toContain('action="/admin/surveys/seller_baseline/publish"');
  });
});
