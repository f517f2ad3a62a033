import { describe, expect, it } from 'vitest';
import { catalogues } from '../../i18n';
import { SURVEY_TEXT_KEYS } from './texts';

function keys(node: unknown, prefix: string): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, `${prefix}.${k}`));
}

describe('the survey step’s texts', () => {
  it('lists every key it says, so the content build checks them in both languages', () => {
    const said = keys(catalogues.en.surveys, 'surveys').filter(
      (k) => !k.startsWith('surveys.invite.') && k !== 'surveys.menu',
    );
    expect([...SURVEY_TEXT_KEYS].filter((k) => k.startsWith('surveys.')).sort()).toEqual(
      said.sort(),
    );
  });
});
