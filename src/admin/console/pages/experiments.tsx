import type { Balance } from '../../../experiments/io/registry';
import { formatCount, type View } from '../view';

/**
 * The experiments' balance on the survey page: people per arm, overall and within each
 * stratum (block randomisation keeps the arms of a stratum within one block of each other).
 */
export function ExperimentsCard(props: {
  view: View;
  experiments: Balance[];
  /** On a survey page: a link to the experiments page, where one is defined. */
  link?: boolean;
}) {
  const { view, experiments } = props;
  const { t } = view;
  return (
    <section class="card" id="experiments">
      <h2>{t('experiments.title')}</h2>
      {experiments.length === 0 && <p class="muted">{t('experiments.none')}</p>}
      {props.link && (
        <p>
          <a href="/admin/experiments">{t('experiments.form.link')}</a>
        </p>
      )}
      {experiments.map((e) => {
        const arms = Object.keys(e.arms);
        return (
          <table data-experiment={e.id}>
            <caption>
              <code>{e.id}</code>
            </caption>
            <thead>
              <tr>
                <th>{t('experiments.stratum')}</th>
                {arms.map((a) => (
                  <th>
                    <code>{a}</code>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <th>{t('experiments.total')}</th>
                {arms.map((a) => (
                  <td>{formatCount(view, e.arms[a] ?? 0)}</td>
                ))}
              </tr>
              {Object.entries(e.strata)
                .sort(([x], [y]) => x.localeCompare(y))
                .map(([stratum, counts]) => (
                  <tr>
                    <th>
                      <code>{stratum}</code>
                    </th>
                    {arms.map((a) => (
                      <td>{formatCount(view, counts[a] ?? 0)}</td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        );
      })}
    </section>
  );
}
