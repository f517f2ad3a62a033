import { parseDocument } from 'yaml';
import type { SurveyDefinition } from '../surveys/schema';
import { validateSurvey } from '../surveys/validate';
import type { ContentError, SourceFile } from './source';

/**
 * Build `content/surveys/*.yaml`: each file one survey, validated by the same function the
 * admin API uses for JSON drafts (every problem, with the question it concerns). The file
 * is named after the survey's id (`seller-baseline.yaml` holds `seller_baseline`).
 */
export function compileSurveys(
  files: readonly SourceFile[],
  errors: ContentError[],
): SurveyDefinition[] {
  const surveys: SurveyDefinition[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    if (!/^surveys\/[^/]+\.ya?ml$/.test(file.path)) {
      errors.push({
        file: file.path,
        path: '',
        message: 'surveys are YAML files directly in surveys/',
      });
      continue;
    }
    const doc = parseDocument(file.text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const at = e.linePos?.[0];
        errors.push({
          file: file.path,
          path: at ? `line ${at.line}, column ${at.col}` : '',
          message: e.message.split('\n')[0] ?? e.message,
        });
      }
      continue;
    }
    const raw: unknown = doc.toJS();
    const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
    const expected = file.path
      .replace(/^surveys\//, '')
      .replace(/\.ya?ml$/, '')
      .replace(/-/g, '_');
    if (id !== expected)
      errors.push({
        file: file.path,
        path: 'id',
        message: `must be "${expected}" (the file name)`,
      });
    const result = validateSurvey(raw);
    if (!result.ok) {
      for (const p of result.problems) errors.push({ file: file.path, ...p });
      continue;
    }
    const survey = result.survey;
    const other = seen.get(survey.id);
    if (other)
      errors.push({ file: file.path, path: 'id', message: `"${survey.id}" is also in ${other}` });
    seen.set(survey.id, file.path);
    surveys.push(survey);
  }
  return surveys.sort((a, b) => a.id.localeCompare(b.id));
}
