import type { Hono } from 'hono';
import type { AppEnv } from '../../http/types';
import { previewSurveyWave, startSurveyWave } from '../services/waves';
import { consoleActor, formBody, message, page, pageView, render } from './page-kit';
import { WaveConfirmPage } from './pages/waves';
import { formatCount } from './view';

/**
 * `POST /admin/surveys/:id/waves`: start the next panel wave from the survey page's waves
 * card. The first post shows how many people the wave reaches (the job's own filter, so
 * the number is what is sent) and asks again; the confirmed post starts it.
 */
export function wavePages(app: Hono<AppEnv>): void {
  app.post('/admin/surveys/:id/waves', page('startSurveyWave'), async (c) => {
    const id = c.req.param('id');
    const view = pageView(c);
    const form = await formBody(c);
    const body = { wave: Number(form.wave), audience: String(form.audience ?? '') };
    const actor = consoleActor(c);
    const path = `/admin/surveys/${encodeURIComponent(id)}`;
    if (form.confirmed === 'yes') {
      const started = await startSurveyWave(c.var.deps, actor, { id, body });
      if (started.ok) return c.redirect(`${path}?done=wave`, 303);
      return message(
        c,
        started.status === 503 ? 503 : 400,
        'waves.title',
        'waves.errors.' + started.error,
        {
          wave: body.wave,
        },
      );
    }
    const reach = await previewSurveyWave(c.var.deps, actor, { id, body });
    if (!reach.ok || reach.value.nobody) {
      const error = reach.ok ? reach.value.nobody! : reach.error;
      const status = !reach.ok && reach.status === 503 ? 503 : 400;
      return message(c, status, 'waves.title', `waves.errors.${error}`, {
        wave: body.wave,
      });
    }
    const count = formatCount(view, reach.value.size);
    const props = {
      view,
      action: `${path}/waves`,
      back: path,
      text: view.t(`waves.confirm_${body.audience}`, { wave: reach.value.wave, count }),
      button: view.t('waves.start', { wave: reach.value.wave }),
      fields: { wave: String(reach.value.wave), audience: body.audience },
    };
    return render(c, view, WaveConfirmPage(props));
  });
}
