import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { copy } from '../../test/support/copy';
import type { Locale } from '../core/message';
import { catalogues } from '../i18n';
import {
  apiLocale,
  badRequest,
  fieldIssue,
  FIELD_ERROR_CODES,
  issuesOf,
  LANG_COOKIE,
  sayIn,
} from './bad-request';
import { placeIn, wordsFor } from './field-words';
import type { AppEnv } from './types';

const LOCALES: Locale[] = ['zh-CN', 'en'];

/** Figures for every placeholder a code's words might have. */
const FIGURES = {
  limit: 7,
  expected: 'number',
  values: 'a, b',
  keys: 'extra',
  divisor: 5,
  options: 'zh-CN, en',
};

describe('field problems: codes and words', () => {
  it('words every code in both languages, with its figures filled in', () => {
    for (const locale of LOCALES) {
      const catalogue = (catalogues[locale] as { field_errors: { codes: Record<string, string> } })
        .field_errors.codes;
      for (const code of FIELD_ERROR_CODES) {
        expect(catalogue[code], `${locale} ${code}`).toEqual(expect.any(String));
        const said = wordsFor({ code, params: FIGURES }, sayIn(locale));
        expect(said).not.toMatch(/\{\{|field_errors/);
        for (const name of ['limit', 'values', 'keys', 'divisor', 'options'] as const)
          if (catalogue[code]!.includes(`{{${name}}}`))
            expect(said).toContain(String(FIGURES[name]));
      }
    }
  });

  it('says where a problem is in a researcher’s words, never as a path', () => {
    for (const path of ['questions.0.low', 'questions[0].low']) {
      const en = placeIn(path, sayIn('en'));
      expect(en).toBe(
        `${copy('field_errors.item.questions', 'en', { n: 1 })} · ${copy('field_errors.fields.low', 'en')}`,
      );
      const zh = placeIn(path, sayIn('zh-CN'));
      expect(zh).toBe(
        `${copy('field_errors.item.questions', 'zh-CN', { n: 1 })} · ${copy('field_errors.fields.low', 'zh-CN')}`,
      );
      expect(zh).not.toMatch(/questions|low|\[|\.0/);
    }
    // `body` alone is the request; a field named body (a lesson's text) is that field.
    expect(placeIn('body', sayIn('en'))).toBe(copy('field_errors.root.body', 'en'));
    expect(placeIn('body.en', sayIn('en'))).toBe(
      `${copy('field_errors.fields.body', 'en')} · ${copy('field_errors.fields.en', 'en')}`,
    );
    expect(placeIn('messages.zh-CN', sayIn('zh-CN'))).toBe(
      `${copy('field_errors.fields.messages', 'zh-CN')} · ${copy('field_errors.fields.zh-CN', 'zh-CN')}`,
    );
  });
});

const schema = z
  .object({
    title: z.string().min(3),
    count: z.number().max(10),
    tags: z.array(z.string()).min(1),
    at: z.iso.datetime(),
    kind: z.enum(['a', 'b']),
    needed: z.string(),
    age: z.number(),
  })
  .strict();
const input = { title: 'x', count: 11, tags: [], at: 'soon', kind: 'c', age: 'old', extra: 1 };

describe('issuesOf', () => {
  it('gives each zod problem a stable field, code and figures', () => {
    const parsed = schema.safeParse(input);
    expect(parsed.success).toBe(false);
    const issues = issuesOf(parsed.error!, { input });
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: 'title', code: 'too_short', params: { limit: 3 } },
        { field: 'count', code: 'too_big', params: { limit: 10 } },
        { field: 'tags', code: 'too_few', params: { limit: 1 } },
        { field: 'at', code: 'invalid_format', params: { format: 'datetime' } },
        { field: 'kind', code: 'invalid_value', params: { values: 'a, b' } },
        { field: 'needed', code: 'required', params: {} },
        { field: 'age', code: 'wrong_type', params: { expected: 'number' } },
        { field: 'body', code: 'unknown_key', params: { keys: 'extra' } },
      ]),
    );
    expect(issues).toHaveLength(8);
  });

  it('puts a problem with a whole query string under `query`, and a refinement’s own code', () => {
    const query = z.object({ from: z.string().optional() }).strict();
    const bad = query.safeParse({ from: 'x', nope: '1' });
    expect(issuesOf(bad.error!, { input: { nope: '1' }, root: 'query' })).toEqual([
      { field: 'query', code: 'unknown_key', params: { keys: 'nope' } },
    ]);
    const refined = z
      .object({ a: z.string().optional() })
      .refine((v) => v.a !== undefined, { params: { code: 'one_required', options: 'a' } });
    expect(issuesOf(refined.safeParse({}).error!, { input: {} })).toEqual([
      { field: 'body', code: 'one_required', params: { options: 'a' } },
    ]);
  });
});

describe('badRequest', () => {
  it('answers every problem at once in both shapes, worded in the language asked for', () => {
    const issues = [
      fieldIssue('questions.0.low', 'too_short', { limit: 2 }),
      fieldIssue('query', 'unknown_key', { keys: 'nope' }),
    ];
    for (const locale of LOCALES) {
      const body = badRequest(issues, locale);
      const first = `${copy('field_errors.item.questions', locale, { n: 1 })} · ${copy('field_errors.fields.low', locale)}`;
      const said = copy('field_errors.sentence', locale, {
        place: first,
        words: copy('field_errors.codes.too_short', locale, { limit: 2 }),
      });
      expect(body.error).toBe('invalid_request');
      expect(body.issues[0]).toEqual({
        field: 'questions.0.low',
        code: 'too_short',
        params: { limit: 2 },
        message: said,
      });
      expect(body.fields['questions.0.low']).toEqual([said]);
      expect(body.fields.query).toEqual([
        copy('field_errors.sentence', locale, {
          place: copy('field_errors.root.query', locale),
          words: copy('field_errors.codes.unknown_key', locale, { keys: 'nope' }),
        }),
      ]);
      expect(body.message).toContain(said);
      expect(body.message).toContain(body.fields.query![0]);
    }
    const zh = JSON.stringify(badRequest(issues, 'zh-CN').fields);
    expect(zh).not.toMatch(/too short|characters|questions\[|Question/);
  });
});

describe('apiLocale', () => {
  const app = new Hono<AppEnv>().get('/', (c) => c.text(apiLocale(c)));
  const ask = async (headers: Record<string, string>) =>
    (await app.request('/', { headers })).text();

  it('takes the console’s cookie, else Accept-Language, else Chinese', async () => {
    expect(await ask({})).toBe('zh-CN');
    expect(await ask({ 'Accept-Language': 'en-GB,en;q=0.9' })).toBe('en');
    expect(await ask({ 'Accept-Language': 'en', Cookie: `${LANG_COOKIE}=zh-CN` })).toBe('zh-CN');
    expect(await ask({ Cookie: `${LANG_COOKIE}=en` })).toBe('en');
    expect(await ask({ Cookie: `${LANG_COOKIE}=fr` })).toBe('zh-CN');
  });
});
