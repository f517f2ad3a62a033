import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, type AdminTestApp } from '../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { copy } from '../../test/support/copy';
import { parseCsv } from '../../test/support/csv';
import type { Inbound } from '../core/message';
import { runTurn } from '../shell/run-turn';

const api = new FakeBotApi();
const server = setupServer(...botApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const text = (en: string, zh: string) => ({ 'zh-CN': zh, en });
/** A draft as a researcher would post it (no version: it is assigned). */
const draft = {
  id: 'market_day',
  title: text('Market day', '赶集日'),
  intro: text('Two questions about market days.', '关于赶集日的两个问题。'),
  consent: text('Voluntary; answers kept under a code.', '自愿参加；回答只和编号放在一起。'),
  thanks: text('Thank you!', '谢谢！'),
  questions: [
    {
      id: 'goes',
      type: 'yes_no',
      required: true,
      text: text('Do you sell at markets?', '您去集市卖货吗？'),
    },
    {
      id: 'why_not',
      type: 'text',
      showIf: { var: 'goes', op: 'eq', value: false },
      text: text('Why not?', '为什么不去？'),
    },
  ],
};

let t: AdminTestApp;
beforeEach(async () => {
  api.reset({ scripts: true });
  t = adminTestApp();
  await t.seedUsers([{ id: 11 }, { id: 12, locale: 'en' }, { id: 13 }]);
});

function call(
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN_TEST_TOKENS.researcher,
) {
  return t.app.request(`/admin/api${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

/** One Telegram turn, as the webhook would run it. */
function telegram(userId: number, input: Partial<Inbound>, n: string) {
  return runTurn(t.deps.turn, {
    channel: 'telegram',
    userId: String(userId),
    messageId: `${userId}-${n}`,
    kind: 'text',
    receivedAt: 0,
    ...input,
  });
}

async function published(): Promise<void> {
  expect((await call('POST', '/surveys', draft)).status).toBe(201);
  expect((await call('POST', '/surveys/market_day/publish')).status).toBe(200);
}

describe('/admin/api/surveys', () => {
  it('is for researchers: none 401, trainer 403; lists content surveys with live counts', async () => {
    expect((await call('GET', '/surveys', undefined, null)).status).toBe(401);
    expect((await call('GET', '/surveys', undefined, ADMIN_TEST_TOKENS.trainer)).status).toBe(403);
    const res = await call('GET', '/surveys');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      expect.objectContaining({
        id: 'seller_baseline',
        version: 1,
        status: 'open',
        source: 'content',
        counts: { invited: 0, started: 0, completed: 0, partial: 0, declined: 0, withdrawn: 0 },
      }),
    ]);
  });

  it('a draft with mistakes gets every problem in one 400', async () => {
    const res = await call('POST', '/surveys', {
      ...draft,
      version: 3,
      thanks: { en: 'only English' },
      questions: [
        { ...draft.questions[1], showIf: { var: 'goes', op: 'eq', value: false } },
        { ...draft.questions[0], type: 'boolean' },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      problems: { path: string; message: string }[];
      fields: Record<string, string[]>;
      issues: { field: string; code: string; params: object; message: string }[];
    };
    expect(body.problems.map((p) => p.path)).toEqual([
      'version',
      'thanks.zh-CN',
      'questions[1].type',
      'questions[0].showIf',
    ]);
    expect(body.problems[3]!.message).toBe(
      'question "why_not": show-if refers to "goes", which comes later (questions[1])',
    );
    // The list keeps the validator's words; `fields` says it in the caller's language.
    expect(body.fields.version).toEqual([
      copy('field_errors.sentence', 'zh-CN', {
        place: copy('field_errors.fields.version', 'zh-CN'),
        words: copy('surveyTools.validation.draftVersion', 'zh-CN', { next: 1 }),
      }),
    ]);
    // Each problem in the stable shape too: a rule as `invalid` with its key and figures.
    expect(body.issues.map((i) => i.field)).toEqual([
      'version',
      'thanks.zh-CN',
      'questions[1].type',
      'questions[0].showIf',
    ]);
    expect(body.issues[0]).toEqual({
      field: 'version',
      code: 'invalid',
      params: { rule: 'draftVersion', next: 1 },
      message: body.fields.version![0],
    });
    expect(JSON.stringify(body.issues)).not.toMatch(/questions\[\d\]\.\w+:|show-if refers/);
    // A bundled survey's draft becomes its version 2, not a second version 1.
    const bundled = { ...draft, id: 'seller_baseline', version: 1 };
    expect((await call('POST', '/surveys', bundled)).status).toBe(400);
    expect((await call('POST', '/surveys', 'not json')).status).toBe(400);
    expect((await call('POST', '/surveys/validate', draft)).status).toBe(200);
    expect((await call('POST', '/surveys/validate', { ...draft, questions: [] })).status).toBe(400);
  });

  it('publishes immutable versions: an edit becomes the next version, the old one stays', async () => {
    expect((await call('POST', '/surveys/market_day/publish')).status).toBe(404);
    expect(await (await call('POST', '/surveys', draft)).json()).toEqual({
      id: 'market_day',
      status: 'draft',
      version: 1,
    });
    expect((await call('POST', '/surveys', draft)).status).toBe(200);
    expect(await (await call('POST', '/surveys/market_day/publish')).json()).toEqual({
      id: 'market_day',
      version: 1,
      status: 'open',
    });
    expect((await call('POST', '/surveys/market_day/publish')).status).toBe(409);
    const edited = { ...draft, title: text('Market days', '赶集') };
    expect(await (await call('POST', '/surveys', edited)).json()).toMatchObject({ version: 2 });
    const listed = (await (await call('GET', '/surveys')).json()) as {
      id: string;
      version: number;
      draftVersion: number;
    }[];
    expect(listed.find((s) => s.id === 'market_day')).toMatchObject({
      version: 1,
      draftVersion: 2,
      status: 'open',
    });
    await call('POST', '/surveys/market_day/publish');
    const [v1, v2] = await t.store.surveyVersions([
      { id: 'market_day', version: 1 },
      { id: 'market_day', version: 2 },
    ]);
    expect(v1).toMatchObject({ version: 1, title: draft.title });
    expect(v2).toMatchObject({ version: 2, title: edited.title });
    const one = await (await call('GET', '/surveys/market_day')).json();
    expect(one).toMatchObject({
      version: 2,
      versions: [1, 2],
      draft: null,
      definition: { title: edited.title },
    });
  });

  it('invites with Start / Later / No thanks, reminds only who did not finish, counts the funnel', async () => {
    await published();
    const sent = await call('POST', '/surveys/market_day/send', { audience: { all: true } });
    expect(sent.status).toBe(201);
    await t.drain();
    const invites = api.of('sendMessage');
    expect(invites.map((m) => m.chat_id).sort()).toEqual([11, 12, 13]);
    const en = invites.find((m) => m.chat_id === 12)!;
    expect(en.text).toContain('<b>Market day</b>');
    expect(en.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: 'Start', callback_data: '/survey market_day' },
          { text: 'Later', callback_data: '/survey market_day later' },
        ],
        [{ text: 'No, thanks', callback_data: '/survey market_day no' }],
      ],
    });
    // 11 answers, 12 declines, 13 does nothing.
    await telegram(11, { kind: 'command', command: 'survey', args: 'market_day' }, 'a');
    await telegram(11, { kind: 'choice', choiceId: 'agree' }, 'b');
    await telegram(11, { kind: 'choice', choiceId: 'no' }, 'c');
    await telegram(11, { text: '太远了, "路不好走"' }, 'd');
    await telegram(12, { kind: 'command', command: 'survey', args: 'market_day no' }, 'a');
    api.reset();
    expect((await call('POST', '/surveys/market_day/remind', {})).status).toBe(201);
    await t.drain();
    expect(api.of('sendMessage').map((m) => m.chat_id)).toEqual([13]);
    expect(String(api.of('sendMessage')[0]!.text)).toContain('提醒');
    api.reset();
    await call('POST', '/surveys/market_day/send', { audience: { all: true } });
    await t.drain();
    expect(api.of('sendMessage')).toEqual([]);

    const stats = await (await call('GET', '/surveys/market_day/stats')).json();
    expect(stats).toMatchObject({
      id: 'market_day',
      version: 1,
      counts: { invited: 3, started: 1, completed: 1, partial: 0, declined: 1, withdrawn: 0 },
      questions: [
        { id: 'goes', answered: 1, counts: { yes: 0, no: 1 } },
        {
          id: 'why_not',
          answered: 1,
          latest: [expect.objectContaining({ text: '太远了, "路不好走"' })],
        },
      ],
    });
    const page = await (
      await call('GET', '/surveys/market_day/stats?question=why_not&limit=10')
    ).json();
    expect(page).toMatchObject({
      question: 'why_not',
      cursor: '0',
      answers: [{ text: '太远了, "路不好走"' }],
    });
    expect((await call('GET', '/surveys/market_day/stats?question=goes')).status).toBe(400);
  });

  it('exports CSV (codes or labels), JSON Lines and the codebook as downloads', async () => {
    await published();
    await telegram(11, { kind: 'command', command: 'survey', args: 'market_day' }, 'a');
    await telegram(11, { kind: 'choice', choiceId: 'agree' }, 'b');
    await telegram(11, { kind: 'choice', choiceId: 'no' }, 'c');
    await telegram(11, { text: '=HYPERLINK("x")' }, 'd');
    // The person's profile, as onboarding keeps it after consent: province and category export.
    await t.store.commit(
      { channel: 'seed', userId: 'profile' },
      {
        expectedVersion: 0,
        messageId: 'seed',
        conversation: null,
        profile: null,
        replies: [],
        effects: [
          {
            kind: 'index_user',
            user: 'telegram:11',
            data: { channel: 'telegram', consent: true, province: 'zhejiang', category: 'tea' },
          },
        ],
      },
    );
    const csv = await call('GET', '/surveys/market_day/export?format=csv&labels=zh-CN');
    expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('Content-Disposition')).toBe(
      'attachment; filename="market_day-v1-zh-CN.csv"',
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual([
      'respondent',
      'status',
      'version',
      'channel',
      'locale',
      'started_at',
      'completed_at',
      'goes',
      'why_not',
      'profile_province',
      'profile_category',
    ]);
    expect(rows[1]!.slice(1, 5)).toEqual(['completed', '1', 'telegram', 'zh-CN']);
    expect(rows[1]!.slice(7)).toEqual(['否', '\'=HYPERLINK("x")', 'zhejiang', 'tea']);
    expect(rows[1]![0]).toMatch(/^r[0-9a-f]{32}$/);
    const jsonl = await (await call('GET', '/surveys/market_day/export?format=jsonl')).text();
    expect(JSON.parse(jsonl.trim())).toMatchObject({ answers: { goes: false } });
    const codebook = await call('GET', '/surveys/market_day/export?format=codebook');
    expect(codebook.headers.get('Content-Disposition')).toContain('market_day-v1.codebook.csv');
    for (const [format, ext] of [
      ['stata', 'do'],
      ['spss', 'sps'],
      ['r', 'R'],
    ]) {
      const script = await call('GET', `/surveys/market_day/export?format=${format}&lang=en`);
      expect(script.headers.get('Content-Disposition')).toBe(
        `attachment; filename="market_day-v1-en.${ext}"`,
      );
      // Each script reads the CSV download of its name: SPSS the one-line CSV.
      const reads = format === 'spss' ? 'market_day-v1-oneline.csv' : 'market_day-v1.csv';
      expect(await script.text()).toContain(reads);
    }
    const spssCsv = await call('GET', '/surveys/market_day/export?format=csv&breaks=space');
    expect(spssCsv.headers.get('Content-Disposition')).toBe(
      'attachment; filename="market_day-v1-oneline.csv"',
    );
    expect((await call('GET', '/surveys/market_day/export?breaks=none')).status).toBe(400);
    const zh = await (await call('GET', '/surveys/market_day/export?format=stata')).text();
    expect(zh).toContain(`label variable goes \`"${draft.questions[0]!.text['zh-CN']}"'`);
    const trainer = ADMIN_TEST_TOKENS.trainer;
    expect(
      (await call('GET', '/surveys/market_day/export?format=r', undefined, trainer)).status,
    ).toBe(403);
    expect((await call('GET', '/surveys/market_day/export?format=r&lang=fr')).status).toBe(400);
    expect((await call('GET', '/surveys/market_day/export?format=xlsx')).status).toBe(400);
    expect((await call('GET', '/surveys/nothing/export')).status).toBe(404);
    expect((await call('GET', '/surveys/market_day/export?version=9')).status).toBe(404);
  });

  it('close stops the answers, in chat and for invitations', async () => {
    await published();
    await telegram(13, { kind: 'command', command: 'survey', args: 'market_day' }, 'a');
    const closed = await call('POST', '/surveys/market_day/close');
    expect(await closed.json()).toMatchObject({ id: 'market_day', status: 'closed' });
    const reply = await telegram(13, { kind: 'choice', choiceId: 'agree' }, 'b');
    expect(reply.replies[0]?.text).toMatch(/已经结束/);
    expect(
      (await call('POST', '/surveys/market_day/send', { audience: { all: true } })).status,
    ).toBe(409);
    expect(
      (await call('POST', '/surveys/market_day/send', { audience: { planet: 'x' } })).status,
    ).toBe(400);
    expect((await call('POST', '/surveys/nothing/close')).status).toBe(404);
    expect((await call('POST', '/surveys/seller_baseline/close')).status).toBe(200);
    const list = (await (await call('GET', '/surveys')).json()) as { id: string; status: string }[];
    expect(list.map((s) => [s.id, s.status])).toEqual([
      ['market_day', 'closed'],
      ['seller_baseline', 'closed'],
    ]);
  });
});
