import { describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, Browser } from '../../../test/support/admin-app';
import { copy } from '../../../test/support/copy';
import type { Locale } from '../../core/message';
import { consoleT } from './i18n';
import { SurveyPage, type SurveyPageProps } from './pages/survey';

const counts = { invited: 0, started: 0, completed: 0, partial: 0, declined: 0, withdrawn: 0 };

function page(versions: number[], exportVersion?: number, locale: Locale = 'en'): string {
  const props = {
    // The console's own translate, so a key outside `admin.` shows up as a raw key here.
    view: { locale, t: consoleT(locale) },
    deliveries: [],
    withdrawals: [],
    courses: [],
    provinces: [],
    categories: [],
    problems: [],
    questions: [],
    raw: undefined,
    stats: undefined,
    audience: {},
    survey: {
      id: 's1',
      version: Math.max(...versions),
      status: 'open',
      title: { 'zh-CN': 'S', en: 'S' },
      source: 'api',
      versions,
      draftVersion: null,
      closesAt: null,
      quota: null,
      counts,
      definition: null,
    },
    ...(exportVersion !== undefined ? { exportVersion } : {}),
  } as unknown as SurveyPageProps;
  return String(SurveyPage(props));
}

describe('survey page: the export version picker', () => {
  it('one version: no picker, links to the current version', () => {
    const html = page([1]);
    expect(html).not.toContain('name="export"');
    expect(html).toContain('href="/admin/api/surveys/s1/export?format=csv"');
  });

  it('several: the latest by default, an older one pinned in every link', () => {
    const latest = page([1, 2, 3]);
    expect(latest).toContain('name="export"');
    expect(latest).toMatch(/<option value="3" selected="">v3 \(latest\)<\/option>/);
    expect(latest).toContain('Version');
    expect(latest).not.toMatch(/surveyExport\.|surveys\.export_version/);
    expect(latest).toContain('href="/admin/api/surveys/s1/export?format=jsonl"');
    const older = page([1, 2, 3], 2);
    expect(older).toContain('href="/admin/api/surveys/s1/export?version=2&amp;format=csv"');
    expect(older).toContain('href="/admin/api/surveys/s1/export?version=2&amp;format=codebook"');
    // A version the survey does not have falls back to the current one.
    expect(page([1, 2], 7)).toContain('href="/admin/api/surveys/s1/export?format=csv"');
  });
});

describe('survey page: the Stata, SPSS and R scripts', () => {
  const scripts = (html: string) =>
    [...html.matchAll(/href="([^"]*format=(?:stata|spss|r)&amp;lang=[^"]*)"[^>]*>([^<]*)</g)].map(
      ([, href, text]) => [href!.replace(/&amp;/g, '&'), text],
    );

  it('links each script in both label languages, worded in the console’s language', () => {
    const zh = scripts(page([1], undefined, 'zh-CN'));
    const api = '/admin/api/surveys/s1/export';
    expect(zh.map(([href]) => href)).toEqual([
      `${api}?format=stata&lang=zh-CN`,
      `${api}?format=stata&lang=en`,
      `${api}?format=spss&lang=zh-CN`,
      `${api}?format=spss&lang=en`,
      `${api}?format=r&lang=zh-CN`,
      `${api}?format=r&lang=en`,
    ]);
    const chinese = copy('admin.languages.zh-CN', 'zh-CN');
    expect(zh[0]![1]).toBe(copy('admin.surveys.export_stata', 'zh-CN', { language: chinese }));
    expect(zh[2]![1]).toBe(copy('admin.surveys.export_spss', 'zh-CN', { language: chinese }));
    expect(zh[4]![1]).toBe(copy('admin.surveys.export_r', 'zh-CN', { language: chinese }));
    const english = copy('admin.languages.en', 'en');
    expect(scripts(page([1]))[0]).toEqual([
      `${api}?format=stata&lang=en`,
      copy('admin.surveys.export_stata', 'en', { language: english }),
    ]);
  });

  it('links the one-line CSV the SPSS script reads, under the name the script reads', async () => {
    const html = page([1, 2, 3], 2);
    expect(html).toContain(
      'href="/admin/api/surveys/s1/export?version=2&amp;format=csv&amp;breaks=space"',
    );
    const { app } = adminTestApp();
    const browser = new Browser(app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    const api = '/admin/api/surveys/seller_baseline/export';
    const script = await (await browser.get(`${api}?format=spss&lang=en`)).text();
    const csv = await browser.get(`${api}?format=csv&breaks=space`);
    const name = /filename="([^"]+)"/.exec(csv.headers.get('Content-Disposition') ?? '')?.[1];
    expect(name).toMatch(/-oneline\.csv$/);
    expect(script).toContain(`/FILE='${name}'`);
  });

  it('follows the version picker', () => {
    const older = scripts(page([1, 2, 3], 2)).map(([href]) => href);
    expect(older).toHaveLength(6);
    for (const href of older)
      expect(href).toMatch(/\/export\?version=2&format=(stata|spss|r)&lang=/);
  });

  it('each link downloads its script from the API', async () => {
    const { app } = adminTestApp();
    const browser = new Browser(app);
    await browser.login(ADMIN_TEST_TOKENS.researcher);
    const html = await (await browser.get('/admin/surveys/seller_baseline?lang=zh-CN')).text();
    const links = scripts(html);
    expect(links).toHaveLength(6);
    const first = { stata: 'import delimited', spss: 'GET DATA', r: 'read.csv' };
    for (const [href] of links) {
      const res = await browser.get(href!);
      expect(res.status, href).toBe(200);
      const format = /format=(\w+)/.exec(href!)![1] as keyof typeof first;
      expect(await res.text()).toContain(first[format]);
    }
  });
});
