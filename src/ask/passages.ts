import { LOCALES, type Locale } from '../core/message';
import type { Analyzer } from './analyze';
import type { FaqEntry, Passage } from './schema';

/** Count terms; the title (and a FAQ's questions) count twice. */
export function termCounts(analyze: Analyzer, heavy: string, body: string): Record<string, number> {
  const tf: Record<string, number> = {};
  for (const term of analyze.terms(heavy)) tf[term] = (tf[term] ?? 0) + 2;
  for (const term of analyze.terms(body)) tf[term] = (tf[term] ?? 0) + 1;
  return tf;
}

/** A FAQ entry's two passages (or a trainer's answer, written in the console). */
export function faqPassages(
  analyze: Analyzer,
  entry: FaqEntry,
  experience: Record<Locale, string>,
  idPrefix = 'faq',
): Passage[] {
  return LOCALES.map((locale) => ({
    id: `${idPrefix}:${entry.id}:${locale}`,
    locale,
    title: entry.question[locale],
    text: entry.answer[locale],
    source: entry.source?.[locale] ?? experience[locale],
    link: { kind: 'faq' as const, id: entry.id },
    ...(entry.opens ? { opens: entry.opens } : {}),
    tf: termCounts(
      analyze,
      [entry.question[locale], ...entry.also].join('\n'),
      entry.answer[locale],
    ),
  }));
}
