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

// Keys translated without parameters, by locale: the same string every time, and a turn
// asks for dozens (buttons, menus, labels), each a full i18next resolution otherwise.
let plain = new Map<string, string>();

// Keys translated with parameters, by locale, key and the parameters' values: a turn's
// counters and numbered hints ("reply 1, 2 or 3") repeat, and i18next's interpolation is
// the costly part. Bounded, and only short values, so free text a person typed is not kept.
let withValues = new Map<string, string>();
const WITH_VALUES_LIMIT = 2000;
const WITH_VALUES_MAX_LENGTH = 40;
// eslint-disable-next-line no-control-regex -- the cache key's own separators
const SEPARATORS = /[\u0000\u0001]/;

// Templates with only plain `{{name}}` placeholders, split once: a long value (a lesson's
// body, a person's own words) is put in place directly, which is what i18next does with
// escaping off, without its per-call interpolation passes. `null`: leave it to i18next.
let templates = new Map<string, readonly string[] | null>();
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
// Anything i18next would treat specially: nesting, unescaped or formatted placeholders.
const SPECIAL = /\$t\(|\{\{-|\{\{[^}]*,/;

/** The catalogue's own string for a key, if it is one. */
function rawString(locale: string, key: string): string | undefined {
  let node: unknown = catalogues[locale as Locale];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A key's template as alternating text and parameter names, or null when i18next must do it. */
function templateOf(locale: string, key: string): readonly string[] | null {
  const id = `${locale}\u0000${key}`;
  let parts = templates.get(id);
  if (parts === undefined) {
    const raw = rawString(locale, key);
    parts = raw === undefined || SPECIAL.test(raw) ? null : raw.split(PLACEHOLDER);
    templates.set(id, parts);
  }
  return parts;
}

/**
 * A translation filled in directly, or undefined where i18next decides more than
 * substitution: plurals and contexts (`count`, `context`), values that hold markup
 * i18next reads (`{{`, `$t(`), a key missing in the language (its fallback).
 */
function filled(
  locale: string,
  key: string,
  params: Readonly<Record<string, string | number>>,
): string | undefined {
  if ('count' in params || 'context' in params) return undefined;
  const parts = templateOf(locale, key);
  if (!parts) return undefined;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i]!];
    if (value === undefined) return undefined;
    const text = String(value);
    if (text.includes('{{') || text.includes('$t(')) return undefined;
    out += text + parts[i + 1]!;
  }
  return out;
}

/** Install the catalogues; the next translation builds i18next over them. */
export function setCatalogues(next: Catalogues): void {
  catalogues = next;
  instance = undefined;
  plain = new Map();
  withValues = new Map();
  templates = new Map();
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
export const translate: Translate = (locale, key, params) => {
  if (params) {
    const names = Object.keys(params);
    if (names.length > 0) return withParams(locale, key, params, names);
  }
  const id = `${locale}\u0000${key}`;
  let text = plain.get(id);
  if (text === undefined) {
    text = getInstance().t(key, { lng: locale });
    plain.set(id, text);
  }
  return text;
};

/** A translation with parameters: i18next's answer, remembered for short values. */
function withParams(
  locale: string,
  key: string,
  params: Readonly<Record<string, string | number>>,
  names: readonly string[],
): string {
  let id = `${locale}\u0000${key}`;
  for (const name of names) {
    const value = params[name];
    if (typeof value === 'number') id += `\u0000${name}\u0001n${value}`;
    else if (
      typeof value === 'string' &&
      value.length <= WITH_VALUES_MAX_LENGTH &&
      !SEPARATORS.test(value)
    )
      id += `\u0000${name}\u0001s${value}`;
    else return filled(locale, key, params) ?? getInstance().t(key, { lng: locale, ...params });
  }
  let text = withValues.get(id);
  if (text === undefined) {
    text = getInstance().t(key, { lng: locale, ...params });
    if (withValues.size >= WITH_VALUES_LIMIT) withValues.clear();
    withValues.set(id, text);
  }
  return text;
}
