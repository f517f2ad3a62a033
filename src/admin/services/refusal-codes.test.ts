import { describe, expect, it } from 'vitest';
import { copy } from '../../../test/support/copy';
import { LOCALES } from '../../core/message';
import { ACCESS_CODES, REFUSAL_CODES } from './refusal-codes';

describe('refusal codes', () => {
  it('every code a service or the sign-in check refuses with has words in both languages', () => {
    for (const code of [...REFUSAL_CODES, ...ACCESS_CODES])
      for (const locale of LOCALES) {
        // copy() throws on a key the catalogue lacks.
        const said = copy(`admin_trust.errors.${code}`, locale);
        expect(said, `${locale} ${code}`).not.toMatch(/\{\{/);
        // Chinese words only (a binding's name such as BROADCAST stays as written).
        if (locale === 'zh-CN') expect(said, code).not.toMatch(/[a-z]{4,}/);
      }
  });

  it('are listed once each', () => {
    expect(new Set(REFUSAL_CODES).size).toBe(REFUSAL_CODES.length);
  });
});
