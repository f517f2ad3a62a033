import type { Context, Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import type { AudiencePreview } from '../api-schemas';
import {
  cancelBroadcast,
  createBroadcast,
  getBroadcast,
  listBroadcasts,
} from '../services/broadcasts';
import { previewAudience } from '../services/figures';
import { editBroadcast } from '../services/broadcast-edit';
import { pushFormFromJob } from './push-form-from-job';
import { listOptions } from './lists';
import { consoleActor, formBody, page, pageView, refusalPage, render } from './page-kit';
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

/** `/admin/broadcasts...`: the pushes, the push form with its preview, progress, cancel. */
export function broadcastPages(app: Hono<AppEnv>): void {
  const showForm = async (
    c: Context<AppEnv>,
    form: PushForm,
    errors: FormErrors,
    preview?: AudiencePreview,
    editing?: string,
  ) => {
    const view = pageView(c);
    const courses = courseOptions(view.locale);
    const props = {
      view,
      form,
      errors,
      provinces: listOptions('provinces', view.locale),
      categories: listOptions('categories', view.locale),
      courses,
      ...(preview ? { preview } : {}),
      ...(editing ? { editing } : {}),
    };
    return render(c, view, PushPage(props), Object.keys(errors).length > 0 ? 400 : 200);
  };

  app.get('/admin/broadcasts', page('listBroadcasts'), async (c) => {
    const jobs = await listBroadcasts(c.var.deps, consoleActor(c));
    if (!jobs.ok) return refusalPage(c, jobs);
    const view = pageView(c);
    return render(c, view, JobsPage({ view, jobs: jobs.value }));
  });

  app.get('/admin/broadcasts/new', page('createBroadcast'), async (c) => {
    // trainer: "Duplicate" opens the form filled from an earlier push (not a survey's).
    const from = c.req.query('from');
    const source = from ? await getBroadcast(c.var.deps, consoleActor(c), from) : undefined;
    if (source?.ok && source.value.kind !== 'survey_invite')
      return showForm(c, pushFormFromJob(source.value, false), {});
    // A survey invitation is sent again from its survey page, never copied (as the API says).
    if (source?.ok)
      return showJob(c, pageView(c).t('trust.errors.survey_invitation'), false, source.value.id);
    return showForm(c, emptyPushForm(c.req.query('course')?.slice(0, 64)), {});
  });

  // trainer: edit a scheduled push with the push form, under the sender's lock (the service)
  app.get('/admin/broadcasts/:id/edit', page('editBroadcast'), async (c) => {
    const job = await getBroadcast(c.var.deps, consoleActor(c), c.req.param('id'));
    if (!job.ok) return refusalPage(c, job);
    if (job.value.kind === 'survey_invite')
      return showJob(c, pageView(c).t('trust.errors.survey_invitation_audience'));
    if (job.value.status !== 'scheduled') {
      const why = job.value.status === 'cancelled' ? 'cancelled' : 'already_started';
      return showJob(c, pageView(c).t(`trust.errors.${why}`));
    }
    return showForm(c, pushFormFromJob(job.value, true), {}, undefined, job.value.id);
  });

  app.post('/admin/broadcasts/:id/edit', page('editBroadcast'), async (c) => {
    const id = c.req.param('id');
    const actor = consoleActor(c);
    const body = await formBody(c);
    const form = readPushForm(body);
    const { body: input, errors } = pushBody(form, c.var.deps.now());
    if (form.when !== 'later') errors.sendAt = ['time'];
    if (Object.keys(errors).length > 0) return showForm(c, form, errors, undefined, id);
    const edit = { audience: input.audience, messages: input.messages, sendAt: input.sendAt };
    if (body.intent !== 'send') {
      const preview = await previewAudience(c.var.deps, actor, { audience: input.audience });
      if (!preview.ok && preview.status === 400)
        return showForm(c, form, formErrorsFromApi(prefixed(preview.fields ?? {})), undefined, id);
      return showForm(c, form, {}, preview.ok ? preview.value : undefined, id);
    }
    const edited = await editBroadcast(c.var.deps, actor, id, edit);
    if (edited.ok)
      return showJob(
        c,
        pageView(c).t('trainer.edit.saved', { count: String(edited.value.recipients) }),
      );
    if (edited.status === 400)
      return showForm(c, form, formErrorsFromApi(edited.fields ?? {}), undefined, id);
    if (edited.status === 409) return showJob(c, pageView(c).t(`trust.errors.${edited.error}`));
    return refusalPage(c, edited);
  });

  app.post('/admin/broadcasts/new', page('createBroadcast'), async (c) => {
    const actor = consoleActor(c);
    const body = await formBody(c);
    const form = readPushForm(body);
    const { body: input, errors } = pushBody(form, c.var.deps.now());
    if (Object.keys(errors).length > 0) return showForm(c, form, errors);
    if (body.intent !== 'send') {
      const preview = await previewAudience(c.var.deps, actor, { audience: input.audience });
      if (!preview.ok && preview.status === 400)
        return showForm(c, form, formErrorsFromApi(prefixed(preview.fields ?? {})));
      // The message is checked too, so a preview never hides a problem the send would hit.
      const messageErrors =
        Object.keys(input.messages as object).length === 0 ? { messageZh: ['required'] } : {};
      return showForm(c, form, messageErrors, preview.ok ? preview.value : undefined);
    }
    const created = await createBroadcast(c.var.deps, actor, input);
    if (created.ok)
      return c.redirect(`/admin/broadcasts/${encodeURIComponent(created.value.id)}?sent=1`, 303);
    if (created.status === 400) return showForm(c, form, formErrorsFromApi(created.fields ?? {}));
    return refusalPage(c, created);
  });

  const showJob = async (
    c: Context<AppEnv>,
    notice?: string,
    confirming = false,
    id = c.req.param('id') ?? '',
  ) => {
    const job = await getBroadcast(c.var.deps, consoleActor(c), id);
    if (!job.ok) return refusalPage(c, job);
    const view = pageView(c);
    const text = notice ?? (c.req.query('sent') ? view.t('jobs.created') : undefined);
    const data: JobView = job.value;
    const path = `/admin/broadcasts/${encodeURIComponent(id)}`;
    // A scheduled job has no audience counted yet: nobody has had it, and nobody will.
    const confirm = confirming &&
      (data.status === 'running' || data.status === 'scheduled') && {
        view,
        action: `${path}/cancel`,
        back: path,
        text:
          data.status === 'scheduled'
            ? view.t('trust.confirm.cancel_scheduled')
            : view.t('trust.confirm.cancel', { count: data.counts.pending }),
        button: view.t('trust.confirm.cancel_button'),
        danger: true,
      };
    const props = {
      view,
      job: data,
      ...(text ? { notice: text } : {}),
      ...(confirm ? { confirm } : {}),
    };
    return render(c, view, JobPage(props));
  };

  app.get('/admin/broadcasts/:id', page('getBroadcast'), (c) => showJob(c));

  app.post('/admin/broadcasts/:id/cancel', page('cancelBroadcast'), async (c) => {
    const id = c.req.param('id');
    if ((await formBody(c)).confirmed !== 'yes') return showJob(c, undefined, true);
    const cancelled = await cancelBroadcast(c.var.deps, consoleActor(c), id);
    if (!cancelled.ok) return refusalPage(c, cancelled);
    return c.redirect(`/admin/broadcasts/${encodeURIComponent(id)}`, 303);
  });
}

/** The preview's field errors are about `audience`: keep the API's paths under it. */
function prefixed(fields: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k.startsWith('audience') ? k : `audience.${k}`, v]),
  );
}
