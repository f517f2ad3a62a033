import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp, type AdminTestApp } from '../../test/support/admin-app';
import { translate } from '../i18n';
import { XLSX_TYPE } from './survey-operations';
import { MAX_XLSFORM_BYTES } from './services/survey-import';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(`test/fixtures/xlsform/${name}.xlsx`));

let t: AdminTestApp;
beforeEach(() => {
  t = adminTestApp();
});

function upload(body: Uint8Array, token = ADMIN_TEST_TOKENS.researcher, lang?: string) {
  return t.app.request(`/admin/api/surveys/import${lang ? `?lang=${lang}` : ''}`, {
    method: 'POST',
    headers: { 'Content-Type': XLSX_TYPE, Authorization: `Bearer ${token}` },
    body,
  });
}

describe('POST /admin/api/surveys/import', () => {
  it('a researcher imports an XLSForm as a draft survey, audited', async () => {
    const res = await upload(fixture('full'));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ id: 'market_full', status: 'draft', version: 1 });
    const got = await t.app.request('/admin/api/surveys/market_full', {
      headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS.researcher}` },
    });
    expect(got.status).toBe(200);
    expect(JSON.stringify(await got.json())).toContain('最多选三个');
    const trail = await t.app.request('/admin/api/audit', {
      headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS.admin}` },
    });
    const { entries } = (await trail.json()) as { entries: { action: string }[] };
    expect(entries.map((e) => e.action)).toContain('survey.import');
  });

  it('only researchers (and admins) may import', async () => {
    expect((await upload(fixture('good'), ADMIN_TEST_TOKENS.trainer)).status).toBe(403);
    expect((await upload(fixture('good'), ADMIN_TEST_TOKENS.admin)).status).toBe(201);
  });

  it('a bad form: 400 with every problem, where it is, in the caller’s language', async () => {
    for (const lang of ['zh-CN', 'en'] as const) {
      const res = await upload(fixture('bad'), ADMIN_TEST_TOKENS.researcher, lang);
      expect(res.status).toBe(400);
      const body = (await res.json()) as {
        error: string;
        problems: { path: string; message: string; sheet: string; row: number; column: string }[];
      };
      expect(body.error).toBe('invalid_survey');
      expect(body.problems).toHaveLength(10);
      expect(body.problems).toContainEqual({
        path: 'survey!A2',
        sheet: 'survey',
        row: 2,
        column: 'A',
        message: `survey!A2: ${translate(lang, 'surveyTools.import.unsupportedType', { type: 'geopoint' })}`,
      });
      expect(new Set(body.problems.map((p) => p.sheet))).toEqual(
        new Set(['survey', 'choices', 'settings']),
      );
    }
  });

  it('not a workbook is a 400; an empty body too; too large is a 413', async () => {
    const text = await upload(
      new TextEncoder().encode('hello'),
      ADMIN_TEST_TOKENS.researcher,
      'en',
    );
    expect(text.status).toBe(400);
    expect(JSON.stringify(await text.json())).toContain(
      translate('en', 'surveyTools.import.not_zip'),
    );
    expect((await upload(new Uint8Array(0))).status).toBe(400);
    const big = await upload(new Uint8Array(MAX_XLSFORM_BYTES + 1));
    expect(big.status).toBe(413);
  });
});
