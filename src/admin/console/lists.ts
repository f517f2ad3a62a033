import { content } from '../../content';
import type { Locale } from '../../core/message';
import { resolveText } from '../../core/text';
import { translate } from '../../i18n';
import type { T } from './i18n';

/** An option of a select: id and label in the page's language. */
export interface Option {
  id: string;
  label: string;
}

/** The items of a content list (provinces, categories) labelled in one language. */
export function listOptions(list: string, locale: Locale): Option[] {
  return (content.lists[list] ?? []).map((item) => ({
    id: item.id,
    label: resolveText(item.label, locale, translate),
  }));
}

function labelOf(list: string, id: string, locale: Locale): string {
  return listOptions(list, locale).find((o) => o.id === id)?.label ?? id;
}

/** An audience in words: "everyone who agreed", "subscribers of Shipping", "English · Zhejiang". */
export function describeAudience(audience: unknown, locale: Locale, t: T): string {
  if (typeof audience !== 'object' || audience === null) return '';
  const a = audience as Record<string, unknown>;
  if (a.all === true) return t('audience.all');
  if (typeof a.course === 'string') {
    // The course by its title in the reader's language (its id only when it has none).
    const course = content.courses.find((c) => c.id === a.course);
    const title = course?.title[locale] ?? course?.title['zh-CN'] ?? course?.title.en;
    return t('audience.course', { course: title || a.course });
  }
  const parts: string[] = [];
  if (typeof a.locale === 'string') parts.push(t(`languages.${a.locale}`));
  if (typeof a.province === 'string') parts.push(labelOf('provinces', a.province, locale));
  if (typeof a.category === 'string') parts.push(labelOf('categories', a.category, locale));
  return parts.join(' · ');
}
