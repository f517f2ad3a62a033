import type { View } from '../view';

/** The analysis scripts the export API writes (`format=stata|spss|r`), in link order. */
export const SCRIPT_FORMATS = ['stata', 'spss', 'r'] as const;

/**
 * The survey page's downloads of the version chosen (`base` is the export URL, with
 * `?version=` for an older one): the CSV with codes and with labels in either language,
 * JSON Lines, the codebook, and the Stata, SPSS and R scripts that read the codes CSV and
 * label it, in either language.
 */
export function ExportLinks(props: { view: View; base: string }) {
  const { view, base } = props;
  const { t } = view;
  const sep = base.includes('?') ? '&' : '?';
  const languages = [view.locale, view.locale === 'en' ? 'zh-CN' : 'en'] as const;
  return (
    <>
      <div class="buttons">
        <a class="button" href={`${base}${sep}format=csv`} download>
          {t('surveys.export_csv_codes')}
        </a>
        {languages.map((l) => (
          <a class="button" href={`${base}${sep}format=csv&labels=${l}`} download>
            {t('surveys.export_csv_labels', { language: t(`languages.${l}`) })}
          </a>
        ))}
        <a class="button" href={`${base}${sep}format=jsonl`} download>
          {t('surveys.export_jsonl')}
        </a>
        <a class="button" href={`${base}${sep}format=codebook`} download>
          {t('surveys.export_codebook')}
        </a>
      </div>
      <h4>{t('surveys.export_scripts')}</h4>
      <p class="muted">{t('surveys.export_scripts_hint')}</p>
      <div class="buttons" data-export-scripts>
        <a class="button" href={`${base}${sep}format=csv&breaks=space`} download>
          {t('surveys.export_csv_spss')}
        </a>
        {SCRIPT_FORMATS.flatMap((format) =>
          languages.map((l) => (
            <a class="button" href={`${base}${sep}format=${format}&lang=${l}`} download>
              {t(`surveys.export_${format}`, { language: t(`languages.${l}`) })}
            </a>
          )),
        )}
      </div>
    </>
  );
}
