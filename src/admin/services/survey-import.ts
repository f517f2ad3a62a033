import type { Locale } from '../../core/message';
import { saveDraft } from '../../surveys/io/registry';
import type { Actor, ServiceDeps, ServiceOutcome } from './service';
import { forbidden, recordAudit, refused } from './service';
import { registryRefusal, surveyTarget } from './surveys';

/** The largest XLSForm accepted (a form is a few kB; images make files large). */
export const MAX_XLSFORM_BYTES = 2 * 1024 * 1024;

/**
 * Import an XLSForm `.xlsx` as a draft survey: every problem at once (sheet, row, column and
 * a sentence in `locale`), else the draft is saved like `POST /admin/api/surveys` and the
 * import audited. The spreadsheet reader is loaded only here (a separate chunk).
 */
export async function importSurvey(
  deps: ServiceDeps,
  actor: Actor,
  input: { bytes: Uint8Array; locale: Locale },
): Promise<ServiceOutcome<{ id: string; version: number; created: boolean }>> {
  const refusal = forbidden(actor, 'importSurvey');
  if (refusal) return refusal;
  const { t } = deps.program;
  const { importXlsForm, importProblemText } = await import('../../surveys/xlsform');
  const problem = (key: string) => [
    {
      path: '',
      message: importProblemText({ sheet: '', row: 0, column: '', key }, input.locale, t),
    },
  ];
  if (input.bytes.length === 0)
    return refused(400, 'invalid_survey', { problems: problem('empty') });
  const imported = await importXlsForm(input.bytes);
  if (!imported.ok)
    return refused(400, 'invalid_survey', {
      problems: imported.problems.map((p) => ({
        path: p.sheet === '' ? '' : `${p.sheet}!${p.column}${p.row}`,
        message: importProblemText(p, input.locale, t),
        ...(p.sheet === '' ? {} : { sheet: p.sheet, row: p.row, column: p.column }),
      })),
    });
  // The registry numbers versions itself: the form's version is kept by the CLI's YAML.
  const { version: _version, ...draft } = imported.survey;
  const saved = await saveDraft(deps, draft, actor.label);
  if (!saved.ok) return registryRefusal(saved);
  await recordAudit(deps, actor, {
    action: 'survey.import',
    target: surveyTarget(saved.value.id, draft.title),
    details: { version: saved.value.version },
  });
  return saved;
}
