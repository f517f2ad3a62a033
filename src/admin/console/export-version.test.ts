import { describe, expect, it } from 'vitest';
import { consoleT } from './i18n';
import { SurveyPage, type SurveyPageProps } from './pages/survey';

const counts = { invited: 0, started: 0, completed: 0, partial: 0, declined: 0, withdrawn: 0 };

function page(versions: number[], exportVersion?: number): string {
  const props = {
    // The console's own translate, so a key outside `admin.` shows up as a raw key here.
    view: { locale: 'en', t: consoleT('en') },
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
