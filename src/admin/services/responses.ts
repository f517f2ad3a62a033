import { definitionAt } from '../../surveys/io/registry';
import { responsePage, responsesPerDay, type ResponseFilter } from '../../surveys/io/responses';
import { listWithdrawals } from '../../surveys/io/withdrawals';
import { toYaml } from '../../surveys/yaml-out';
import {
  definitionQuerySchema,
  responsesQuerySchema,
  type responsesPageSchema,
} from '../response-operations';
import type * as z from 'zod';
import {
  done,
  forbidden,
  permittedInput,
  refused,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
  invalidInput,
} from './service';
import { fieldIssue } from '../../http/bad-request';

/** `GET /admin/api/surveys/{id}/responses`. */
export type ResponsesPage = z.infer<typeof responsesPageSchema>;

/** The start of a China day (00:00 UTC+8) in milliseconds; `end`: the next day's start. */
function chinaBound(day: string | undefined, end: boolean): number | undefined {
  if (day === undefined) return undefined;
  const start = Date.parse(`${day}T00:00:00+08:00`);
  return Number.isNaN(start) ? undefined : end ? start + 86_400_000 : start;
}

/**
 * A page of a survey's responses by pseudonym (never a user id), filtered by state,
 * channel, language and China days; the first page (no cursor) also counts responses per
 * day under the same filters. The query is as a URL gives it (strings).
 */
export async function surveyResponses(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; query: unknown },
): Promise<ServiceOutcome<ResponsesPage>> {
  const query = permittedInput(
    actor,
    'surveyResponses',
    responsesQuerySchema,
    input.query,
    'query',
  );
  if (!query.ok) return query;
  const q = query.value;
  const from = chinaBound(q.from, false);
  const to = chinaBound(q.to, true);
  if (from !== undefined && to !== undefined && to <= from)
    return invalidInput([fieldIssue('to', 'before_from')]);
  const survey = await definitionAt(deps, input.id, q.version);
  if (!survey) return refused(404, 'not_found');
  const filter: ResponseFilter = {
    ...(q.status ? { state: q.status } : {}),
    ...(q.channel ? { channel: q.channel } : {}),
    ...(q.lang ? { locale: q.lang } : {}),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
  const table = { id: survey.id, version: survey.version };
  const page = await responsePage(deps.store, table, filter, q.cursor, q.limit);
  const perDay = q.cursor === '0' ? (await responsesPerDay(deps.store, table, filter)).days : null;
  return done({
    id: survey.id,
    version: survey.version,
    responses: page.rows,
    next: page.next,
    ...(perDay ? { perDay } : {}),
  });
}

/** One withdrawal as the API gives it: the pseudonym, its version and an ISO time. */
export interface WithdrawalRow {
  respondent: string;
  version: number;
  at: string | null;
}

/** Who withdrew from the survey (any version), newest first: to clean earlier downloads. */
export async function withdrawnRespondents(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceOutcome<WithdrawalRow[]>> {
  const refusal = forbidden(actor, 'surveyWithdrawals');
  if (refusal) return refusal;
  const survey = await definitionAt(deps, id);
  if (!survey) return refused(404, 'not_found');
  const list = await listWithdrawals(deps.store, id, survey.version);
  return done(
    list.map((w) => ({
      respondent: w.respondent,
      version: w.version,
      at: w.at === undefined ? null : new Date(w.at).toISOString(),
    })),
  );
}

/**
 * A version of a survey's definition (the current one by default) as a download: YAML, as
 * content/surveys files are written, or JSON, as the API takes it.
 */
export async function surveyDefinitionFile(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; query: unknown },
): Promise<ServiceOutcome<{ body: string; name: string; type: string }>> {
  const query = permittedInput(
    actor,
    'surveyDefinition',
    definitionQuerySchema,
    input.query,
    'query',
  );
  if (!query.ok) return query;
  const survey = await definitionAt(deps, input.id, query.value.version);
  if (!survey) return refused(404, 'not_found');
  const name = `${survey.id}-v${survey.version}`;
  return done(
    query.value.format === 'yaml'
      ? { body: toYaml(survey), name: `${name}.yaml`, type: 'application/yaml; charset=utf-8' }
      : {
          body: JSON.stringify(survey, null, 2),
          name: `${name}.json`,
          type: 'application/json; charset=utf-8',
        },
  );
}
