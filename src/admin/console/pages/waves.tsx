import type { WaveCounts } from '../../../surveys/io/waves';
import { Csrf, Layout } from '../layout';
import { formatCount, type View } from '../view';
import { Confirm, type ConfirmProps } from './confirm';

/** Props of {@link WavesCard}. */
export interface WavesCardProps {
  view: View;
  surveyId: string;
  /** Counts wave by wave; absent for a survey sent once. */
  waves: readonly WaveCounts[] | undefined;
}

/**
 * A panel survey's waves: the response counts of each, and a form to start the next one
 * (to the respondents of earlier waves, or the whole audience), confirmed with its reach.
 */
export function WavesCard({ view, surveyId, waves }: WavesCardProps) {
  const { t } = view;
  const next = (waves?.at(-1)?.wave ?? 1) + 1;
  return (
    <section class="card" id="waves" data-region>
      <h2>{t('waves.title')}</h2>
      {waves && (
        <table>
          <thead>
            <tr>
              <th>{t('waves.wave')}</th>
              <th>{t('waves.invited')}</th>
              <th>{t('waves.started')}</th>
              <th>{t('waves.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {waves.map((w) => (
              <tr>
                <td>{w.wave}</td>
                <td>{formatCount(view, w.invited)}</td>
                <td>{formatCount(view, w.started)}</td>
                <td>{formatCount(view, w.completed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action={`/admin/surveys/${encodeURIComponent(surveyId)}/waves`}>
        <Csrf view={view} />
        <input type="hidden" name="wave" value={String(next)} />
        <label>
          <input type="radio" name="audience" value="respondents" checked />{' '}
          {t('waves.respondents')}
        </label>
        <label>
          <input type="radio" name="audience" value="audience" /> {t('waves.audience')}
        </label>
        <div class="buttons">
          <button type="submit">{t('waves.start', { wave: next })}</button>
        </div>
      </form>
    </section>
  );
}

/** The page asking to confirm a wave's start, with how many people it reaches. */
export function WaveConfirmPage(props: ConfirmProps) {
  return (
    <Layout view={props.view} title={props.view.t('waves.title')}>
      <Confirm {...props} />
    </Layout>
  );
}
