import i18next, { type i18n } from 'i18next';
import en from '../../locales/en/translation.json';
import zh from '../../locales/zh-CN/translation.json';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../core/message';
import type { Translate } from '../core/text';

/** The bundled catalogues, by locale. */
export const catalogues: Record<Locale, Record<string, unknown>> = { 'zh-CN': zh, en };

let instance: i18n | undefined;

function getInstance(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  // Synchronous init: resources are bundled, nothing is fetched.
  void created.init({
    resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: catalogues[l] }])),
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    initAsync: false,
    // Channels escape for their own markup; escaping here would double it.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

/**
 * Translate a key in one language. A missing key returns the key itself, which the
 * locale parity test and the content build keep from happening.
 *
 * @example translate('en', 'common.yes') // "Yes"
 */
export const translate: Translate = (locale, key, params) =>
  getInstance().t(key, { lng: locale, ...params });
