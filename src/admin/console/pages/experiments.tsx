import type { Balance } from '../../../experiments/io/registry';
import { formatCount, type View } from '../view';

/**
 * The experiments' balance on the survey page: people per arm, overall and within each
 * stratum (block randomisation keeps the arms of a stratum within one block of each other).
 */
export function ExperimentsCard({ view, experiments }: { view: View; experiments: Balance[] }) {
  const { t } = view;
  return (
    <section class="card" id="experiments">
      <h2>{t('experiments.title')}</h2>
      {experiments.length === 0 && <p class="muted">{t('experiments.none')}</p>}
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
                  <th>{a}</th>
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
                    <th>{stratum}</th>
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
