import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, requireChromium } from '../support/browser.js';
import { loginAs, openConsole, shot } from '../support/console-page.js';
import { copy } from '../support/copy.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';

const zhCopy = (key: string) => copy(key, 'zh-CN');

// A researcher's whole job in Chromium against the real bundle in workerd: log in, upload a
// survey (every problem shown at once, then a valid one), publish it, watch three people
// answer it through the web chat API (counts and charts change by themselves), download the
// CSV and check its cells.

const RESEARCHER = 'research-e2e-token-0123456789';
const LAPTOP = { viewport: { width: 1280, height: 900 } };
const XSS = '<script>alert(1)</script>';
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });

const SURVEY = {
  id: 'e2e_poll',
  title: l('包装调查', 'Packaging poll'),
  intro: l('三个问题。', 'Three questions.'),
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
    {
      id: 'parcels',
      type: 'integer',
      min: 0,
      max: 10000,
      text: l('每月发多少件？', 'Parcels a month?'),
    },
    { id: 'tip', type: 'text', text: l('有什么建议？', 'Any tip?') },
  ],
};
const BROKEN = {
  ...SURVEY,
  id: 'Bad Id',
  questions: [{ id: 'q', type: 'single_choice', text: l('x', 'x'), options: [] }],
};
const ANSWERS = [
  { user: 'r1', box: 'carton', parcels: '120', tip: '=SUM(A1) "quotes", commas' },
  { user: 'r2', box: 'bag', parcels: '5', tip: XSS },
  { user: 'r3', box: 'carton', parcels: '40', tip: '用好纸箱，少破损' },
];

/** RFC 4180 rows of a CSV text (quoted cells with "" escapes, CRLF or LF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += ch;
    } else if (ch === ',') {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += ch;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

const chromiumReady = requireChromium('the admin survey browser tests');

describe.skipIf(!chromiumReady)('a researcher in the admin console', () => {
  let worker: WranglerDev;
  let browser: Browser;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [worker, browser] = await Promise.all([
      startWranglerDev({ vars: { ADMIN_TOKENS: `researcher:${RESEARCHER}` } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await worker?.stop();
  });

  async function chat(userId: string, body: Record<string, string>): Promise<void> {
    const res = await fetch(`${worker.url}/webchat/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, ...body }),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  }

  async function answer(a: (typeof ANSWERS)[number]): Promise<void> {
    await chat(a.user, { text: '/survey e2e_poll' });
    await chat(a.user, { choiceId: 'agree' });
    await chat(a.user, { choiceId: a.box });
    await chat(a.user, { text: a.parcels });
    await chat(a.user, { text: a.tip });
  }

  it('uploads, publishes, watches answers arrive and exports them', async () => {
    const tab = await openConsole(browser, LAPTOP, 'zh-CN', { acceptDownloads: true });
    ({ context } = tab);
    const { page, problems } = tab;

    await loginAs(page, worker.url, RESEARCHER);
    await page.waitForURL(/\/admin\/surveys$/);

    // Every problem at once, each with where it is.
    await page.locator('#definition').fill(JSON.stringify(BROKEN));
    await page.getByRole('button', { name: zhCopy('admin.surveys.save_draft') }).click();
    const listed = await page.locator('.error li').allTextContents();
    expect(listed.length).toBeGreaterThanOrEqual(2);
    // In researcher words, placed in the definition, in Chinese: no validator paths.
    expect(listed.some((p) => p.startsWith(`${zhCopy('field_errors.fields.id')}:`))).toBe(true);
    const first = copy('field_errors.item.questions', 'zh-CN', { n: 1 });
    expect(listed.some((p) => p.startsWith(first))).toBe(true);
    expect(listed.join('\n')).not.toMatch(/questions\[0\]|Too small|Invalid/);
    await shot(page, 'survey-problems-laptop');

    await page.locator('#definition').fill(JSON.stringify(SURVEY, null, 2));
    await page.getByRole('button', { name: zhCopy('admin.surveys.save_draft') }).click();
    await page.waitForURL(/\/admin\/surveys\/e2e_poll\?done=saved$/);
    expect(await page.locator('.pill').first().textContent()).toBe(zhCopy('admin.status.draft'));
    await page
      .getByRole('button', {
        name: copy('admin.surveys.actions.publish', 'zh-CN', { version: 1 }),
      })
      .click();
    // Publishing asks first and says a published version never changes.
    await shot(page, 'survey-confirm-publish-laptop');
    expect(await page.locator('#confirm').textContent()).toContain(
      copy('admin_trust.confirm.publish', 'zh-CN', { version: 1 }),
    );
    await page
      .getByRole('button', {
        name: copy('admin_trust.confirm.publish_button', 'zh-CN', { version: 1 }),
      })
      .click();
    await page.waitForURL(/done=publish$/);
    expect(await page.locator('.pill').first().textContent()).toBe(zhCopy('admin.status.open'));

    // The researcher starts choosing whom to invite while three people answer in the chat;
    // the page redraws its figures in place and keeps the half-filled form as it was.
    await page.locator('#send summary').click();
    await page.locator('input[name=audience][value=filter]').check();
    await page.locator('select[name=locale]').selectOption('en');
    const province = await page
      .locator('select[name=province] option')
      .nth(2)
      .getAttribute('value');
    await page.locator('select[name=province]').selectOption(province!);
    // The responses filter is half chosen too (not yet submitted).
    await page.locator('select[name=r_status]').selectOption('complete');
    await page.evaluate('window.__samePage = true');
    for (const a of ANSWERS) await answer(a);
    const funnel = page.locator('#responses svg');
    await expect
      .poll(() => funnel.getAttribute('aria-label'), { timeout: 30_000 })
      .toContain(`${zhCopy('admin.funnel.completed')}: 3`);
    expect(await page.evaluate('window.__samePage === true')).toBe(true);
    expect(await page.locator('#send').getAttribute('open')).not.toBeNull();
    expect(await page.locator('input[name=audience][value=filter]').isChecked()).toBe(true);
    expect(await page.locator('select[name=locale]').inputValue()).toBe('en');
    expect(await page.locator('select[name=province]').inputValue()).toBe(province);
    expect(await page.locator('select[name=r_status]').inputValue()).toBe('complete');
    // The list of responses is a live region: the three pseudonyms arrived in place.
    await expect.poll(() => page.locator('#browse-list tbody tr').count()).toBe(3);
    await shot(page, 'survey-live-form-laptop');
    const boxChart = await page.locator('#q-box svg text').allTextContents();
    expect(boxChart).toEqual(['纸箱', '2 · 67%', '袋子', '1 · 33%']);
    // A number question is a histogram: its bins hold the three answers.
    const parcels = (await page.locator('#q-parcels svg').getAttribute('aria-label')) ?? '';
    const bins = [...parcels.matchAll(/: (\d+)/g)].map((m) => Number(m[1]));
    expect(bins.reduce((a, b) => a + b, 0)).toBe(3);
    const tips = await page.locator('#q-tip .answers li').allTextContents();
    expect(tips).toEqual(expect.arrayContaining([XSS, '用好纸箱，少破损']));
    await shot(page, 'survey-laptop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', {
          name: copy('admin.surveys.export_csv_labels', 'zh-CN', { language: '中文' }),
        })
        .click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual(expect.arrayContaining(['respondent', 'box', 'parcels', 'tip']));
    const col = (name: string) => header!.indexOf(name);
    const byParcels = new Map(rows.map((r) => [r[col('parcels')], r]));
    expect(rows).toHaveLength(3);
    expect(byParcels.get('120')?.[col('box')]).toBe('纸箱');
    expect(byParcels.get('120')?.[col('tip')]).toBe(`'=SUM(A1) "quotes", commas`);
    expect(byParcels.get('5')?.[col('box')]).toBe('袋子');
    expect(byParcels.get('5')?.[col('tip')]).toBe(XSS);
    expect(byParcels.get('40')?.[col('tip')]).toBe('用好纸箱，少破损');
    expect(new Set(rows.map((r) => r[col('respondent')])).size).toBe(3);
    expect(rows.map((r) => r[col('respondent')]).join()).not.toMatch(/r1|r2|r3/);
    // The same page on a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await shot(page, 'survey-phone');
    // In English on the phone: inviting people who are only on the web chat reaches nobody,
    // and the page says so instead of claiming invitations are going out.
    await page.goto(`${worker.url}/admin/surveys/e2e_poll?lang=en`);
    await page.locator('#send summary').click();
    await page.locator('#send button.primary').click();
    expect(await page.locator('.error').textContent()).toContain(
      copy('admin_trust.errors.audience_empty', 'en'),
    );
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      390,
    );
    await shot(page, 'survey-nobody-phone-en');
    expect(problems).toEqual([]);
  }, 120_000);
});
