import i18next, { type i18n } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../core/message';
import type { Translate } from '../core/text';

/** The catalogues (`locales/<locale>/translation.json`), by locale. */
export type Catalogues = Record<Locale, Record<string, unknown>>;

/**
 * The catalogues, by locale. Like the content bundle they are data read once per isolate
 * (`src/runtime-data.ts` in the Worker, `scripts/runtime-data.ts` in Node), not part of the
 * script: a live binding, set before the first event.
 */
export let catalogues: Catalogues;

let instance: i18n | undefined;

/** Install the catalogues; the next translation builds i18next over them. */
export function setCatalogues(next: Catalogues): void {
  catalogues = next;
  instance = undefined;
}

function getInstance(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  // Synchronous init: the resources are already in memory, nothing is fetched.
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
