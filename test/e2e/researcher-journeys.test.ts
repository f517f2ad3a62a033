import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CODEBOOK_HEADER } from '../../src/surveys/codebook';
import { requireChromium } from '../support/browser.js';
import { FakeBotApi } from '../support/bot-api.js';
import {
  LAPTOP,
  loginAs,
  openConsole,
  pageLooksRight,
  PHONE,
  shot,
  switchLanguage,
  type ConsoleTab,
  startConsoleWorld,
  type ConsoleWorld,
} from '../support/console-page.js';
import { copy } from '../support/copy.js';
import { parseCsv } from '../support/csv.js';
import type { WranglerDev } from '../support/wrangler-dev.js';

// A researcher's journeys through the real console (the bundle in workerd, driven by
// Chromium), on a phone in Chinese and on a laptop in English: publish a survey (the
// confirmation names the version), preview and send invitations (the preview's count is the
// number invited, checked against the API and the Bot API stand-in), watch sellers answer
// while the send form is half filled (it stays as typed while the figures update), filter
// the responses, see a withdrawal, download the CSV and codebook (they parse and their counts
// match), close and reopen (each confirms), and read the audit log as sentences. Every page
// must fit the screen, be translated, have styled fields and readable table headers, and
// raise no console error. Screenshots go to SCREENSHOT_DIR.

const SECRET = 'researcher-journeys-secret';
const TOKENS = {
  admin: 'admin-journey-token-0123456789',
  researcher: 'research-journey-token-0123456789',
  trainer: 'trainer-journey-token-0123456789',
};
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const SURVEY_ID = 'journey_poll';
const SURVEY = {
  id: SURVEY_ID,
  title: l('包装调查', 'Packaging poll'),
  intro: l('两个问题。', 'Two questions.'),
  consent: l('回答只用于研究。', 'Answers are used for research only.'),
  thanks: l('谢谢！', 'Thank you!'),
  questions: [
    {
      id: 'box',
      type: 'single_choice',
      required: true,
      text: l('您用什么包装？', 'What packaging do you use?'),
      options: [
        { code: 'carton', label: l('纸箱', 'Carton') },
        { code: 'bag', label: l('袋子', 'Bag') },
      ],
    },
    { id: 'tip', type: 'text', text: l('有什么建议？', 'Any tip?') },
  ],
};
/** Telegram sellers: three in Chinese, one in English. */
const SELLERS = [
  [801, 'zh-CN'],
  [802, 'zh-CN'],
  [803, 'zh-CN'],
  [804, 'en'],
] as const;

const chromiumReady = requireChromium('the researcher journeys');

describe.skipIf(!chromiumReady)('researcher journeys in Chromium', () => {
  const api = new FakeBotApi();
  let worker: WranglerDev;
  let browser: Browser;
  let world: ConsoleWorld | undefined;
  let tab: ConsoleTab | undefined;
  let updateId = 5000;

  beforeAll(async () => {
    world = await startConsoleWorld(api, SECRET, TOKENS);
    ({ worker, browser } = world);
    for (const [id, locale] of SELLERS) await onboard(id, locale);
  }, 90_000);
  afterAll(async () => {
    await world?.stop();
  });
  afterEach(async () => {
    await tab?.context.close();
    tab = undefined;
  });

  async function deliver(update: object): Promise<void> {
    const res = await fetch(`${worker.url}/telegram/webhook`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }

  const sender = (id: number, locale: string) => ({
    id,
    is_bot: false,
    first_name: `S${id}`,
    language_code: locale === 'en' ? 'en' : 'zh-hans',
  });

  async function say(id: number, locale: string, text: string): Promise<void> {
    const from = sender(id, locale);
    await deliver({
      update_id: ++updateId,
      message: { message_id: updateId, date: 0, chat: { id, type: 'private' }, from, text },
    });
  }

  async function press(id: number, locale: string, data: string): Promise<void> {
    await deliver({
      update_id: ++updateId,
      callback_query: {
        id: `cq${updateId}`,
        from: sender(id, locale),
        chat_instance: 'x',
        data,
        message: { message_id: 1, date: 0, chat: { id, type: 'private' } },
      },
    });
  }

  /** The buttons of the last message the bot sent to a chat: label → callback data. */
  function buttons(id: number): Map<string, string> {
    const last = api
      .of('sendMessage')
      .filter((m) => Number(m.chat_id) === id && m.reply_markup)
      .at(-1);
    const rows =
      (last?.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] })
        ?.inline_keyboard ?? [];
    return new Map(rows.flat().map((b) => [b.text, b.callback_data]));
  }

  async function tap(id: number, locale: string, label: string): Promise<void> {
    const data = buttons(id).get(label);
    expect(data, `button "${label}" for ${id}: ${[...buttons(id).keys()].join(', ')}`).toBeTruthy();
    await press(id, locale, data!);
  }

  async function onboard(id: number, locale: 'zh-CN' | 'en'): Promise<void> {
    await say(id, locale, '/start');
    await press(id, locale, `1|${locale}`);
    for (const answer of [
      locale === 'en' ? 'Furniture' : '家具',
      locale === 'en' ? 'Zhejiang' : '浙江',
      copy('onboarding.stage.few_orders', locale),
      copy('common.yes', locale),
    ])
      await say(id, locale, answer);
  }

  async function webchat(userId: string, body: Record<string, string>): Promise<void> {
    const res = await fetch(`${worker.url}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, ...body }),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }

  async function apiGet<T>(path: string, role: keyof typeof TOKENS = 'researcher'): Promise<T> {
    const res = await fetch(`${worker.url}${path}`, {
      headers: { Authorization: `Bearer ${TOKENS[role]}` },
    });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  }

  interface Stats {
    counts: Record<'invited' | 'started' | 'completed' | 'partial' | 'withdrawn', number>;
  }
  const stats = () => apiGet<Stats>(`/admin/api/surveys/${SURVEY_ID}/stats`);

  /** Press a survey action and its confirmation, checking the confirmation's words first. */
  async function confirmAction(page: Page, button: string, text: string, confirm: string) {
    await page.getByRole('button', { name: button, exact: true }).click();
    await page.locator('#confirm').waitFor();
    expect(await page.locator('#confirm-text').textContent()).toBe(text);
    await page.getByRole('button', { name: confirm, exact: true }).click();
  }

  it('on a phone in Chinese: publishes, invites, watches answers arrive, exports, closes and reopens', async () => {
    tab = await openConsole(browser, PHONE, 'zh-CN', { acceptDownloads: true });
    const { page, problems } = tab;
    const zh = (key: string, params?: Record<string, string | number>) =>
      copy(key, 'zh-CN', params);
    await loginAs(page, worker.url, TOKENS.researcher);
    expect(new URL(page.url()).pathname).toBe('/admin/surveys');
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'rj-surveys-phone-zh');

    await page.locator('#definition').fill(JSON.stringify(SURVEY, null, 2));
    await page.getByRole('button', { name: zh('admin.surveys.save_draft') }).click();
    await page.waitForURL(new RegExp(`/admin/surveys/${SURVEY_ID}\\?done=saved$`));
    await confirmAction(
      page,
      zh('admin.surveys.actions.publish', { version: 1 }),
      zh('admin_trust.confirm.publish', { version: 1 }),
      zh('admin_trust.confirm.publish_button', { version: 1 }),
    );
    await page.waitForURL(/done=publish$/);
    await pageLooksRight(page, 'zh-CN', 390);

    // Preview: whom "everyone" reaches, then the confirmation with the same count.
    await page.locator('#send summary').click();
    await page.locator('input[name=audience][value=all]').check();
    await page.getByRole('button', { name: zh('admin.push.preview_button') }).click();
    await page.locator('#reach').waitFor();
    expect(await page.locator('#reach b').textContent()).toBe(
      zh('admin_trust.reaches', { count: 4 }),
    );
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'rj-invite-preview-phone-zh');
    await page.locator('#send button.primary').click();
    await page.locator('#confirm').waitFor();
    expect(await page.locator('#confirm-text').textContent()).toContain(
      zh('admin_trust.confirm.send', { count: 4, detail: '' }).replace(/（.*$/, ''),
    );
    await shot(page, 'rj-invite-confirm-phone-zh');
    api.reset();
    await page
      .getByRole('button', { name: zh('admin_trust.confirm.send_button', { count: 4 }) })
      .click();
    await page.waitForURL(/done=send$/);
    // The four sellers got exactly one invitation each, and the survey counts them invited.
    await expect
      .poll(() => api.delivered().sort(), { timeout: 30_000 })
      .toEqual([801, 802, 803, 804]);
    await expect.poll(async () => (await stats()).counts.invited, { timeout: 30_000 }).toBe(4);

    // The researcher starts a second invitation (a filter, half chosen) and a responses
    // filter while people answer; the figures change in place and the forms stay as they are.
    await page.reload();
    await page.locator('#send summary').click();
    await page.locator('input[name=audience][value=filter]').check();
    await page.locator('#send select[name=locale]').selectOption('en');
    await page.locator('select[name=r_status]').selectOption('complete');
    await page.evaluate('window.__samePage = true');
    // Two invited sellers answer on Telegram, by the invitation's buttons; someone who was
    // not invited answers on the web chat through the survey's link.
    for (const [id, locale, box] of [
      [801, 'zh-CN', '纸箱'],
      [804, 'en', 'Bag'],
    ] as const) {
      const start = [...buttons(id).keys()][0]!;
      await tap(id, locale, start);
      if (buttons(id).size > 0 && !buttons(id).has(box))
        await tap(id, locale, [...buttons(id).keys()][0]!);
      await tap(id, locale, box);
      await say(id, locale, locale === 'en' ? 'Double boxes' : '用好纸箱');
    }
    await webchat('walk-in', { text: `/survey ${SURVEY_ID}`, locale: 'zh-CN' });
    await webchat('walk-in', { choiceId: 'agree' });
    await webchat('walk-in', { choiceId: 'carton' });
    await webchat('walk-in', { text: '少破损' });
    await expect.poll(async () => (await stats()).counts.completed).toBe(3);
    const funnel = page.locator('#responses svg');
    await expect
      .poll(() => funnel.getAttribute('aria-label'), { timeout: 30_000 })
      .toContain(`${zh('admin.funnel.completed')}: 3`);
    expect(await page.evaluate('window.__samePage === true')).toBe(true);
    expect(await page.locator('#send').getAttribute('open')).not.toBeNull();
    expect(await page.locator('input[name=audience][value=filter]').isChecked()).toBe(true);
    expect(await page.locator('#send select[name=locale]').inputValue()).toBe('en');
    expect(await page.locator('select[name=r_status]').inputValue()).toBe('complete');
    // Every number on the funnel is true: two of the four invited started, and one more came
    // by the link, so "started" is no share of "invited"; all three who started completed.
    expect(await funnel.locator('text.v').allTextContents()).toEqual([
      '4',
      '3',
      `3 · ${zh('admin.funnel.of_previous', { pct: 100 })}`,
    ]);
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'rj-live-phone-zh');

    // One seller withdraws; the withdrawals list shows it without a reload.
    await webchat('walk-in', { text: `/survey ${SURVEY_ID} withdraw` });
    await webchat('walk-in', { choiceId: 'yes' });
    await expect.poll(async () => (await stats()).counts.withdrawn).toBe(1);
    await expect
      .poll(() => page.locator('#withdrawals tbody tr').count(), { timeout: 30_000 })
      .toBe(1);
    expect(await page.evaluate('window.__samePage === true')).toBe(true);

    // The responses filter: completed ones, as many as the API says.
    await page.locator('#browse-filter button.primary').click();
    await page.waitForURL(/r_status=complete/);
    const listed = await page.locator('#browse-list tbody tr').count();
    const viaApi = await apiGet<{ responses: unknown[] }>(
      `/admin/api/surveys/${SURVEY_ID}/responses?status=complete`,
    );
    expect(listed).toBe(viaApi.responses.length);
    expect(listed).toBe((await stats()).counts.completed);
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'rj-responses-phone-zh');

    // Exports: the CSV has one row per response kept; the codebook lists both questions.
    const download = async (name: string) => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name, exact: true }).click(),
      ]);
      return readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
    };
    const csv = parseCsv(await download(zh('admin.surveys.export_csv_codes')));
    const [header, ...rows] = csv;
    expect(header).toEqual(expect.arrayContaining(['respondent', 'box', 'tip']));
    expect(rows).toHaveLength((await stats()).counts.completed);
    // The codebook parses too, and describes every column of the CSV, each once.
    const [bookHeader, ...book] = parseCsv(await download(zh('admin.surveys.export_codebook')));
    expect(bookHeader).toEqual([...CODEBOOK_HEADER]);
    const variables = book.map((r) => r[0]);
    for (const column of header!) expect(variables, column).toContain(column);
    // The question's codes, then the missing-answer codes (-97 skipped, -98 not shown, -99 not reached).
    const boxCodes = book.filter((r) => r[0] === 'box' && r[5] !== '').map((r) => r[5]);
    expect(boxCodes).toEqual(['carton', 'bag', '-97', '-98', '-99']);

    // Close and reopen, each after its confirmation.
    await confirmAction(
      page,
      zh('admin.surveys.actions.close'),
      zh('admin_trust.confirm.close'),
      zh('admin_trust.confirm.close_button'),
    );
    await page.waitForURL(/done=close$/);
    expect(await page.locator('#survey-head .pill').textContent()).toBe(zh('admin.status.closed'));
    await confirmAction(
      page,
      zh('admin_trust.reopen'),
      zh('admin_trust.confirm.reopen'),
      zh('admin_trust.confirm.reopen_button'),
    );
    await page.waitForURL(/done=reopen$/);
    expect(await page.locator('#survey-head .pill').textContent()).toBe(zh('admin.status.open'));
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'rj-reopened-phone-zh');
    // A reminder asks first too, naming the invited who have not finished: two of the four.
    await page.locator('#send summary').click();
    await page
      .getByRole('button', { name: zh('admin.surveys.actions.remind'), exact: true })
      .click();
    await page.locator('#confirm').waitFor();
    expect(await page.locator('#confirm-text').textContent()).toBe(
      zh('admin_trust.confirm.remind', { count: 2 }),
    );
    await page.getByRole('link', { name: zh('admin_trust.confirm.back') }).click();
    await page.waitForURL(new RegExp(`/admin/surveys/${SURVEY_ID}$`));
    expect(problems).toEqual([]);
  }, 120_000);

  it('on a laptop in English: a second version, the export picker, and the survey read in both languages', async () => {
    tab = await openConsole(browser, LAPTOP, 'en-US', { acceptDownloads: true });
    const { page, problems } = tab;
    const en = (key: string, params?: Record<string, string | number>) => copy(key, 'en', params);
    await loginAs(page, worker.url, TOKENS.researcher);
    const v2 = { ...SURVEY, thanks: l('非常感谢！', 'Thanks a lot!') };
    await page.locator('#definition').fill(JSON.stringify(v2));
    await page.getByRole('button', { name: en('admin.surveys.save_draft') }).click();
    await page.waitForURL(/done=saved$/);
    await confirmAction(
      page,
      en('admin.surveys.actions.publish', { version: 2 }),
      en('admin_trust.confirm.publish', { version: 2 }),
      en('admin_trust.confirm.publish_button', { version: 2 }),
    );
    await page.waitForURL(/done=publish$/);
    // The figures count the current version: the heading says which.
    expect(await page.locator('#responses h2').textContent()).toBe(
      en('admin.surveys.responses_version', { version: 2 }),
    );
    // Two versions: the export picker offers both, in the page's language.
    await page.locator('#export-version').waitFor();
    await pageLooksRight(page, 'en', 1280);
    await shot(page, 'rj-survey-laptop-en');
    await page.locator('#export-version select').selectOption('1');
    await page.locator('#export-version button').click();
    expect(
      await page
        .locator('a', { hasText: en('admin.surveys.export_codebook') })
        .getAttribute('href'),
    ).toContain('version=1');
    await switchLanguage(page, 'zh-CN');
    await pageLooksRight(page, 'zh-CN', 1280);
    await shot(page, 'rj-survey-laptop-zh');
    expect(problems).toEqual([]);
  }, 60_000);

  it('on a phone in Chinese: defines an experiment from the console, its problems first', async () => {
    tab = await openConsole(browser, PHONE, 'zh-CN');
    const { page, problems } = tab;
    const zh = (key: string, params?: Record<string, string | number>) =>
      copy(`admin.experiments.form.${key}`, 'zh-CN', params);
    await loginAs(page, worker.url, TOKENS.researcher);
    await page.goto(`${worker.url}/admin/surveys/${SURVEY_ID}`);
    await page.getByRole('link', { name: zh('link') }).click();
    await page.waitForURL(/\/admin\/experiments$/);
    // A bad id and one arm: both problems under their fields, and what was typed stays.
    await page.locator('input[name=id]').fill('Video Trial');
    await page.locator('textarea[name=arms]').fill('control');
    await page.locator('input[name=strat_province]').check();
    await page.getByRole('button', { name: zh('submit') }).click();
    await page.locator('[data-field-error=id]').waitFor();
    await page.locator('[data-field-error=arms]').waitFor();
    expect(await page.locator('input[name=strat_province]').isChecked()).toBe(true);
    await pageLooksRight(page, 'zh-CN', PHONE.viewport.width);
    await shot(page, 'rj-experiment-problems-phone-zh');
    await page.locator('input[name=id]').fill('video_trial');
    await page.locator('textarea[name=arms]').fill('control\nvideo 2');
    await page.getByRole('button', { name: zh('submit') }).click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain(
      zh('confirm', { id: 'video_trial', arms: 'control, video ×2' }),
    );
    await dialog.getByRole('button', { name: zh('confirm_button') }).click();
    await page.waitForURL(/done=video_trial$/);
    await page.locator('[data-experiment=video_trial]').waitFor();
    const defined = await apiGet<{ id: string; arms: Record<string, number> }>(
      '/admin/api/experiments/video_trial',
    );
    expect(Object.keys(defined.arms)).toEqual(['control', 'video']);
    await pageLooksRight(page, 'zh-CN', PHONE.viewport.width);
    await shot(page, 'rj-experiment-defined-phone-zh');
    expect(problems).toEqual([]);
  }, 60_000);

  it('an admin reads the audit log as sentences and filters it, on a phone and a laptop', async () => {
    tab = await openConsole(browser, PHONE, 'zh-CN');
    const { page, problems } = tab;
    await loginAs(page, worker.url, TOKENS.admin);
    await page.getByRole('link', { name: copy('admin.nav.audit', 'zh-CN') }).click();
    await page.waitForURL(/\/admin\/audit/);
    // The page's title is the section's name.
    expect(await page.locator('h1').textContent()).toBe(copy('admin.nav.audit', 'zh-CN'));
    const rows = await page.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThanOrEqual(6);
    // Sentences in Chinese: no action ids, no English.
    // (The experiment's id is the researcher's own name for it.)
    for (const r of rows)
      expect(r.replace('video_trial', '')).not.toMatch(/[a-z]+_[a-z]+|survey\b|publish/);
    await pageLooksRight(page, 'zh-CN', 390);
    await shot(page, 'rj-audit-phone-zh');

    await page.setViewportSize(LAPTOP.viewport);
    await switchLanguage(page, 'en');
    const all = await page.locator('tbody tr').allTextContents();
    expect(all.some((r) => /published/.test(r) && r.includes('Packaging poll'))).toBe(true);
    expect(all.some((r) => /closed/.test(r))).toBe(true);
    expect(all.some((r) => /reopened/.test(r))).toBe(true);
    // Filtered to the researcher's closes: only those sentences remain.
    await page.locator('#who').fill('researcher#1');
    const close = await page
      .locator('select[name=action] option')
      .filter({ hasText: /close/i })
      .first()
      .getAttribute('value');
    await page.locator('select[name=action]').selectOption(close!);
    await page.locator('form.card button[type=submit]').click();
    await page.waitForURL(/action=/);
    const closes = await page.locator('tbody tr').allTextContents();
    expect(closes).toHaveLength(1);
    expect(closes[0]).toMatch(/researcher#1 \(Researcher\) closed/);
    await pageLooksRight(page, 'en', 1280);
    await shot(page, 'rj-audit-filtered-laptop-en');
    expect(problems).toEqual([]);
  }, 60_000);

  it('the API behind each step refuses a trainer', async () => {
    const asTrainer = (path: string, method = 'GET') =>
      fetch(`${worker.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${TOKENS.trainer}`,
          'Content-Type': 'application/json',
        },
        ...(method === 'POST' ? { body: JSON.stringify({ audience: { all: true } }) } : {}),
      });
    for (const [path, method] of [
      [`/admin/api/surveys/${SURVEY_ID}/export?format=csv`, 'GET'],
      [`/admin/api/surveys/${SURVEY_ID}/export?format=codebook`, 'GET'],
      [`/admin/api/surveys/${SURVEY_ID}/responses`, 'GET'],
      [`/admin/api/surveys/${SURVEY_ID}/withdrawals`, 'GET'],
      [`/admin/api/surveys/${SURVEY_ID}/stats`, 'GET'],
      [`/admin/api/surveys/${SURVEY_ID}/send`, 'POST'],
      [`/admin/api/surveys/${SURVEY_ID}/close`, 'POST'],
      [`/admin/api/surveys/${SURVEY_ID}/publish`, 'POST'],
      ['/admin/api/audit', 'GET'],
    ] as const) {
      const res = await asTrainer(path, method);
      expect(res.status, `${method} ${path}`).toBe(403);
      await res.arrayBuffer();
    }
    // And the researcher may not read the audit log or push (an admin's and a trainer's).
    const audit = await fetch(`${worker.url}/admin/api/audit`, {
      headers: { Authorization: `Bearer ${TOKENS.researcher}` },
    });
    expect(audit.status).toBe(403);
  });
});
