import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translate } from '../../src/i18n';
import { importXlsForm } from '../../src/surveys/xlsform';
import { validateSurvey } from '../../src/surveys/validate';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function run(...args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'survey-import-'));
  dirs.push(out);
  const result = spawnSync(
    'node_modules/.bin/tsx',
    ['scripts/survey-import.ts', ...args, `--out=${out}`],
    {
      encoding: 'utf8',
    },
  );
  return { ...result, out };
}

describe('npm run survey:import', () => {
  it('writes the same survey as YAML into the content folder', async () => {
    const { status, stdout, out } = run('test/fixtures/xlsform/full.xlsx');
    expect(status).toBe(0);
    expect(stdout).toContain('market-full.yaml');
    const yaml = parse(readFileSync(join(out, 'market-full.yaml'), 'utf8')) as unknown;
    const imported = await importXlsForm(
      new Uint8Array(readFileSync('test/fixtures/xlsform/full.xlsx')),
    );
    if (!imported.ok) throw new Error('full.xlsx did not import');
    expect(yaml).toEqual(imported.survey);
    expect(validateSurvey(yaml).ok).toBe(true);
  });

  it('a bad form: exit 1 with every problem in the chosen language, nothing written', () => {
    const { status, stderr } = run('test/fixtures/xlsform/bad.xlsx', '--lang=en');
    expect(status).toBe(1);
    expect(stderr).toContain(
      `survey!A2: ${translate('en', 'surveyTools.import.unsupportedType', { type: 'geopoint' })}`,
    );
    expect(stderr.trim().split('\n')).toHaveLength(11);
  });
});
