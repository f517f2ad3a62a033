import * as z from 'zod';
import type { AdminOperation } from './operation';
import {
  surveyDraftBodySchema,
  surveyExportQuerySchema,
  surveyRemindBodySchema,
  surveySendBodySchema,
  surveyStatsQuerySchema,
  surveyStatsSchema,
  surveySummarySchema,
} from './survey-schemas';

/** The media type of an `.xlsx` workbook. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const created = z.object({ id: z.string(), survey: z.string(), version: z.number().int() });

/** The survey operations of the admin API, for the OpenAPI document and the role matrix. */
export const SURVEY_OPERATIONS: AdminOperation[] = [
  {
    method: 'get',
    path: '/admin/api/surveys',
    operationId: 'listSurveys',
    tag: 'surveys',
    summary: 'Every survey (content and API) with its version, status and live counts',
    ok: { status: '200', description: 'a JSON array', schema: z.array(surveySummarySchema) },
  },
  {
    method: 'post',
    path: '/admin/api/surveys',
    operationId: 'saveSurveyDraft',
    tag: 'surveys',
    summary: 'Create or update a draft from a definition; 400 lists every problem',
    body: surveyDraftBodySchema,
    ok: {
      status: '201',
      description: 'the draft (200 when it updated one)',
      schema: z.object({ id: z.string(), status: z.literal('draft'), version: z.number().int() }),
    },
  },
  {
    method: 'post',
    path: '/admin/api/surveys/import',
    operationId: 'importSurvey',
    tag: 'surveys',
    summary:
      "Import an XLSForm (.xlsx, at most 2 MB, as the body) as a draft; 400 lists every problem with its sheet, row and column, in the caller's language",
    rawBody: { contentType: XLSX_TYPE, description: 'the .xlsx file' },
    ok: {
      status: '201',
      description: 'the draft (200 when it updated one)',
      schema: z.object({ id: z.string(), status: z.literal('draft'), version: z.number().int() }),
    },
  },
  {
    method: 'post',
    path: '/admin/api/surveys/validate',
    operationId: 'validateSurvey',
    tag: 'surveys',
    summary: 'Check a definition without saving it; 400 lists every problem',
    body: surveyDraftBodySchema,
    ok: {
      status: '200',
      description: 'no problems',
      schema: z.object({ ok: z.literal(true) }).loose(),
    },
  },
  {
    method: 'get',
    path: '/admin/api/surveys/{id}',
    operationId: 'getSurvey',
    tag: 'surveys',
    summary: 'A survey: its summary, current definition and draft',
    ok: {
      status: '200',
      description: 'the survey',
      schema: surveySummarySchema.extend({ definition: z.unknown(), draft: z.unknown() }),
    },
  },
  {
    method: 'post',
    path: '/admin/api/surveys/{id}/publish',
    operationId: 'publishSurvey',
    tag: 'surveys',
    summary: 'Freeze the draft as the next version (versions never change) and open it',
    ok: {
      status: '200',
      description: 'the version published',
      schema: z.object({ id: z.string(), version: z.number().int(), status: z.literal('open') }),
    },
  },
  {
    method: 'post',
    path: '/admin/api/surveys/{id}/send',
    operationId: 'sendSurvey',
    tag: 'surveys',
    summary:
      'Invite an audience (Start / Later / No thanks); skips who already answered or was invited',
    body: surveySendBodySchema,
    ok: { status: '201', description: 'the broadcast job', schema: created },
  },
  {
    method: 'post',
    path: '/admin/api/surveys/{id}/remind',
    operationId: 'remindSurvey',
    tag: 'surveys',
    summary: 'Remind invited people who have not completed, declined or withdrawn',
    body: surveyRemindBodySchema,
    ok: { status: '201', description: 'the broadcast job', schema: created },
  },
  {
    method: 'post',
    path: '/admin/api/surveys/{id}/close',
    operationId: 'closeSurvey',
    tag: 'surveys',
    summary: 'Stop taking answers',
    ok: { status: '200', description: 'the survey', schema: surveySummarySchema },
  },
  {
    method: 'post',
    path: '/admin/api/surveys/{id}/reopen',
    operationId: 'reopenSurvey',
    tag: 'surveys',
    summary: 'Take answers again after a close (409 not_closed otherwise)',
    ok: { status: '200', description: 'the survey', schema: surveySummarySchema },
  },
  {
    method: 'get',
    path: '/admin/api/surveys/{id}/stats',
    operationId: 'surveyStats',
    tag: 'surveys',
    summary: 'Counts and per-question statistics; with `question`, a page of its text answers',
    query: surveyStatsQuerySchema,
    ok: { status: '200', description: 'the statistics', schema: surveyStatsSchema },
  },
  {
    method: 'get',
    path: '/admin/api/surveys/{id}/export',
    operationId: 'exportSurvey',
    tag: 'surveys',
    summary:
      'Streamed export: CSV (UTF-8 with BOM; codes or labels), JSON Lines, the codebook, or a Stata/SPSS/R script that labels the codes CSV (labels in `lang`)',
    query: surveyExportQuerySchema,
    ok: { status: '200', description: 'the file', contentType: 'text/csv' },
  },
  {
    method: 'get',
    path: '/admin/api/surveys/{id}/media/{key}',
    operationId: 'surveyMedia',
    tag: 'surveys',
    summary:
      "A voice answer's audio (or `.txt` transcript), by the key in the export's `<q>_media` column; 404 for a key not under this survey; every read is audited",
    ok: {
      status: '200',
      description: 'the audio (audio/ogg or audio/amr)',
      contentType: 'audio/ogg',
    },
  },
];
