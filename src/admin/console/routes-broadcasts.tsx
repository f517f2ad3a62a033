import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { audiencePreviewSchema, type AudiencePreview } from '../api-schemas';
import { jobStatusSchema } from '../operations';
import { listOptions, type Option } from './lists';
import { formBody, message, page, pageView, render, type ConsoleKit } from './page-kit';
import { JobPage, JobsPage, type JobView } from './pages/broadcasts';
import { PushPage } from './pages/push';
import {
  emptyPushForm,
  formErrorsFromApi,
  pushBody,
  readPushForm,
  type FormErrors,
  type PushForm,
} from './push-form';
import { courseOptions } from './surveys-api';

const fields = (body: unknown): Record<string, string[]> =>
  typeof body === 'object' && body !== null && 'fields' in body
    ? (body.fields as Record<string, string[]>)
    : {};

/** `/admin/broadcasts...`: the pushes, the push form with its preview, progress, cancel. */
export function broadcastPages(app: Hono<AppEnv>, kit: ConsoleKit): void {
  const trainer = page('trainer');

  const showForm = async (
    c: Context<AppEnv>,
    form: PushForm,
    errors: FormErrors,
    preview?: AudiencePreview,
  ) => {
    const view = pageView(c);
    const courses: Option[] | undefined = await courseOptions(kit, c, view.locale);
    const props = {
      view,
      form,
      errors,
      provinces: listOptions('provinces', view.locale),
      categories: listOptions('categories', view.locale),
      ...(courses ? { courses } : {}),
      ...(preview ? { preview } : {}),
    };
    return render(c, view, PushPage(props), Object.keys(errors).length > 0 ? 400 : 200);
  };

  app.get('/admin/broadcasts', trainer, async (c) => {
    const answer = await kit.api(c, 'GET', '/admin/api/broadcasts');
    const list = jobStatusSchema.array().safeParse((answer.body as { jobs?: unknown })?.jobs);
    if (answer.status !== 200 || !list.success)
      return message(c, 502, 'failed.title', 'failed.text');
    const view = pageView(c);
    return render(c, view, JobsPage({ view, jobs: list.data }));
  });

  app.get('/admin/broadcasts/new', trainer, (c) =>
    showForm(c, emptyPushForm(c.req.query('course')?.slice(0, 64)), {}),
  );

  app.post('/admin/broadcasts/new', trainer, async (c) => {
    const body = await formBody(c);
    const form = readPushForm(body);
    const { body: input, errors } = pushBody(form, c.var.deps.now());
    if (Object.keys(errors).length > 0) return showForm(c, form, errors);
    if (body.intent !== 'send') {
      const answer = await kit.api(c, 'POST', '/admin/api/audience/preview', {
        audience: input.audience,
      });
      const preview = audiencePreviewSchema.safeParse(answer.body);
      if (answer.status === 400)
        return showForm(c, form, formErrorsFromApi(prefixed(fields(answer.body))));
      // The message is checked too, so a preview never hides a problem the send would hit.
      const messageErrors =
        Object.keys(input.messages as object).length === 0 ? { messageZh: ['required'] } : {};
      return showForm(c, form, messageErrors, preview.success ? preview.data : undefined);
    }
    const answer = await kit.api(c, 'POST', '/admin/api/broadcasts', input);
    const created = answer.body as { id?: unknown };
    if (answer.status === 201 && typeof created.id === 'string')
      return c.redirect(`/admin/broadcasts/${encodeURIComponent(created.id)}?sent=1`, 303);
    if (answer.status === 400) return showForm(c, form, formErrorsFromApi(fields(answer.body)));
    if (queueMissing(answer.body))
      return message(c, 503, 'queue_missing.title', 'queue_missing.text');
    return message(c, 502, 'failed.title', 'failed.text');
  });

  const showJob = async (c: Context<AppEnv>, notice?: string) => {
    const id = c.req.param('id') ?? '';
    const answer = await kit.api(c, 'GET', `/admin/api/broadcasts/${encodeURIComponent(id)}`);
    if (answer.status === 404) return message(c, 404, 'not_found.title', 'not_found.text');
    const job = jobStatusSchema.safeParse(answer.body);
    if (!job.success) return message(c, 502, 'failed.title', 'failed.text');
    const view = pageView(c);
    const text = notice ?? (c.req.query('sent') ? view.t('jobs.created') : undefined);
    const data: JobView = job.data;
    return render(c, view, JobPage({ view, job: data, ...(text ? { notice: text } : {}) }));
  };

  app.get('/admin/broadcasts/:id', trainer, (c) => showJob(c));

  app.post('/admin/broadcasts/:id/cancel', trainer, async (c) => {
    const id = c.req.param('id');
    const answer = await kit.api(
      c,
      'POST',
      `/admin/api/broadcasts/${encodeURIComponent(id)}/cancel`,
    );
    if (answer.status === 404) return message(c, 404, 'not_found.title', 'not_found.text');
    return c.redirect(`/admin/broadcasts/${encodeURIComponent(id)}`, 303);
  });
}

/** The API refused because this deploy has no broadcast queue (503 `broadcast_queue_missing`). */
function queueMissing(body: unknown): boolean {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { error?: unknown }).error === 'broadcast_queue_missing'
  );
}

/** The preview's field errors are about `audience`: keep the API's paths under it. */
function prefixed(fields: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k.startsWith('audience') ? k : `audience.${k}`, v]),
  );
}
