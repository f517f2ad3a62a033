import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTERED } from '../domains';
import { catalogues } from '../i18n';
import { compileContent, formatContentError, type SourceFile } from './compile';
import { readContentDir } from './read-dir';

const real = readContentDir(resolve(import.meta.dirname, '../../content'));
const baseline = real.find((f) => f.path === 'surveys/seller-baseline.yaml')!;

function compile(extra: SourceFile[]) {
  return compileContent([...real, ...extra], catalogues, REGISTERED);
}
const errorsOf = (extra: SourceFile[]) => {
  const result = compile(extra);
  return result.ok ? [] : result.errors.map(formatContentError);
};

describe('content/surveys in the build', () => {
  it('bundles the surveys, validated', () => {
    const result = compile([]);
    expect(result.ok && result.bundle.surveys.map((s) => `${s.id}@${s.version}`)).toEqual([
      'seller_baseline@1',
    ]);
  });

  it('reports every problem with the file and the question', () => {
    const broken = baseline.text
      .replace('id: seller_baseline', 'id: other_name')
      .replace(
        'showIf: { var: livestream, op: in, value: [weekly, sometimes] }',
        'showIf: { var: outlook, op: gt, value: 3 }',
      )
      .replace('type: yes_no', 'type: yesno');
    expect(errorsOf([{ path: 'surveys/copy.yaml', text: broken }])).toEqual([
      'content/surveys/copy.yaml at id: must be "copy" (the file name)',
      "content/surveys/copy.yaml at questions[10].type: Invalid discriminator value. Expected 'single_choice' | 'multiple_choice' | 'integer' | 'decimal' | 'text' | 'likert' | 'yes_no' | 'date'",
      'content/surveys/copy.yaml at questions[7].showIf: question "livestream_share_pct": show-if refers to "outlook", which comes later (questions[12])',
    ]);
    expect(errorsOf([{ path: 'surveys/copy.yaml', text: baseline.text }])).toEqual([
      'content/surveys/copy.yaml at id: must be "copy" (the file name)',
      'content/surveys/seller-baseline.yaml at id: "seller_baseline" is also in surveys/copy.yaml',
    ]);
    expect(errorsOf([{ path: 'surveys/bad.yaml', text: 'id: [unclosed' }])[0]).toMatch(
      /^content\/surveys\/bad\.yaml at line 1, column \d+: /,
    );
  });
});
