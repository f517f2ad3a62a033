import type { Context } from 'hono';
import type { AppEnv } from '../../http/types';
import { translate } from '../../i18n';
import { surveyResponses, type ResponsesPage } from '../services/responses';
import { consoleActor, pageView } from './page-kit';
import { FILTER_PARAMS, type ResponsesFilterForm } from './pages/responses';

/** What the survey page's responses card shows. */
export interface BrowseProps {
  form: ResponsesFilterForm;
  errors: Partial<Record<keyof ResponsesFilterForm, string>>;
  page: ResponsesPage | undefined;
  /** True past the first page (a link back to it is shown). */
  paged: boolean;
}

/**
 * The responses card of `/admin/surveys/{id}` from the page's query (`r_status`, `r_channel`,
 * `r_lang`, `r_from`, `r_to`, `r_cursor`): the filter as typed, each field's problem in the
 * console language, and the page the responses service answers.
 */
export async function browseProps(c: Context<AppEnv>, id: string): Promise<BrowseProps> {
  const view = pageView(c);
  const form = {} as ResponsesFilterForm;
  const query: Record<string, string> = {};
  for (const [field, param] of Object.entries(FILTER_PARAMS)) {
    const value = (c.req.query(param) ?? '').trim().slice(0, 40);
    form[field as keyof ResponsesFilterForm] = value;
    if (value) query[field === 'status' ? 'status' : field] = value;
  }
  const cursor = c.req.query('r_cursor');
  if (cursor) query.cursor = cursor.slice(0, 30);
  const answer = await surveyResponses(c.var.deps, consoleActor(c), { id, query });
  if (answer.ok) return { form, errors: {}, page: answer.value, paged: cursor !== undefined };
  const errors: BrowseProps['errors'] = {};
  for (const field of Object.keys(answer.fields ?? {})) {
    const known = field === 'from' || field === 'to' ? field : 'other';
    const place = (field in FILTER_PARAMS ? field : 'status') as keyof ResponsesFilterForm;
    errors[place] = translate(view.locale, `admin_responses.errors.${known}`);
  }
  return { form, errors, page: undefined, paged: false };
}
