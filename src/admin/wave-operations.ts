import * as z from 'zod';
import { LOCALES } from '../core/message';
import { WAVE_AUDIENCES } from '../surveys/meta';
import type { AdminOperation } from './operation';

const message = z.string().min(1).max(4000);

/**
 * `POST /admin/api/surveys/{id}/waves`: start the next panel wave. `wave` names the wave
 * expected to start, so a retried request answers with that wave instead of starting another.
 */
export const surveyWaveBodySchema = z
  .object({
    wave: z.number().int().min(2).optional(),
    audience: z.enum(WAVE_AUDIENCES),
    messages: z
      .object(
        Object.fromEntries(LOCALES.map((l) => [l, message.optional()])) as {
          'zh-CN': z.ZodOptional<typeof message>;
          en: z.ZodOptional<typeof message>;
        },
      )
      .strict()
      .optional(),
    sendAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** The answer of a wave's start. */
export const surveyWaveSchema = z.object({
  survey: z.string(),
  wave: z.number().int(),
  version: z.number().int(),
  id: z.string(),
  audience: z.number().int(),
  replayed: z.boolean(),
});

/** The panel-wave operations of the admin API, for the OpenAPI document and the role matrix. */
export const WAVE_OPERATIONS: AdminOperation[] = [
  {
    method: 'post',
    path: '/admin/api/surveys/{id}/waves',
    operationId: 'startSurveyWave',
    tag: 'surveys',
    summary:
      'Start the next panel wave: the survey again to those who answered an earlier wave (respondents) or its whole audience; naming the current wave again answers it (200, replayed) and sends nothing; 409 when it would reach nobody',
    body: surveyWaveBodySchema,
    ok: { status: '201', description: 'the wave and its broadcast job', schema: surveyWaveSchema },
  },
];
