import * as z from 'zod';
import { LOCALES, type Locale } from './message';

/** Text written inline in both languages, e.g. a category label in content. */
export const localizedTextSchema = z
  .object({ 'zh-CN': z.string().min(1), en: z.string().min(1) })
  .strict();

/**
 * Text in content: either an i18n key (looked up in `locales/`) or inline text in both
 * languages.
 *
 * @example "onboarding.ask_province"
 * @example { "zh-CN": "家具", "en": "Furniture" }
 */
export const textSchema = z.union([z.string().min(1), localizedTextSchema]);

/** See {@link textSchema}. */
export type Text = z.infer<typeof textSchema>;

/** Parameters interpolated into a translated string. */
export type TextParams = Record<string, string | number>;

/** Looks up an i18n key in one language. Pure: the catalogue is bundled data. */
export type Translate = (locale: Locale, key: string, params?: TextParams) => string;

/** Resolve a {@link Text} in one language. */
export function resolveText(text: Text, locale: Locale, t: Translate, params?: TextParams): string {
  return typeof text === 'string' ? t(locale, text, params) : text[locale];
}

/** Every language of an inline text, for matching what a person typed. */
export function allLabels(text: Text, t: Translate): string[] {
  return LOCALES.map((locale) => resolveText(text, locale, t));
}
