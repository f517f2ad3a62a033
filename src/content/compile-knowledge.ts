import { parseDocument } from 'yaml';
import type * as z from 'zod';
import { analyzer, type Analyzer } from '../ask/analyze';
import { faqPassages, termCounts } from '../ask/passages';
import {
  faqFileSchema,
  lexiconFileSchema,
  type FaqEntry,
  type Knowledge,
  type LexiconFile,
  type Passage,
} from '../ask/schema';
import { LOCALES, type Locale } from '../core/message';
import type { Course } from '../courses/schema';
import { formatPath } from './parse-file';
import type { ContentError, SourceFile } from './source';

/** Facts as the advice bundle keeps them: text and source in both languages. */
type Facts = Readonly<
  Record<string, { text: Record<Locale, string>; source: Record<Locale, string> }>
>;

function parseYaml<T>(file: SourceFile, schema: z.ZodType<T>, errors: ContentError[]) {
  const doc = parseDocument(file.text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      errors.push({ file: file.path, path: '', message: e.message.split('\n')[0] ?? e.message });
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues)
      errors.push({ file: file.path, path: formatPath(issue.path), message: issue.message });
    return undefined;
  }
  return result.data;
}

/**
 * A lesson body as passages: paragraphs, a lead-in ending in ":" kept with what follows,
 * "send /logistics" pointers left out. Each passage keeps the ids its lines cite.
 */
export function lessonPassages(body: string): { text: string; cites: string[] }[] {
  const paragraphs = body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p && !/^(send|发送) \//i.test(p));
  const merged: string[] = [];
  for (const p of paragraphs) {
    const last = merged.at(-1);
    if (last !== undefined && /[:：](\[\^[a-z0-9_]+\])*$/.test(last))
      merged[merged.length - 1] = `${last}\n${p}`;
    else merged.push(p);
  }
  return merged.map((p) => ({
    text: p.replace(/\[\^[a-z0-9_]+\]/g, '').trim(),
    cites: [...new Set([...p.matchAll(/\[\^([a-z0-9_]+)\]/g)].map((m) => m[1]!))],
  }));
}

function lessonKnowledge(analyze: Analyzer, courses: readonly Course[]): Passage[] {
  const out: Passage[] = [];
  for (const course of courses) {
    for (const lesson of course.lessons) {
      for (const locale of LOCALES) {
        const body = lesson.body[locale];
        const title = lesson.title[locale];
        if (!body || !title) continue;
        const ref = `${course.id}/${lesson.id}`;
        lessonPassages(body).forEach(({ text, cites }, i) => {
          const labels = cites.map((id) => course.sources[id]?.[locale]).filter(Boolean);
          const courseTitle = course.title[locale] ?? course.id;
          out.push({
            id: `lesson:${ref}#${i + 1}`,
            locale,
            title: `${courseTitle} · ${title}`,
            text,
            source: labels.length ? labels.join('; ') : `${courseTitle} · ${title}`,
            link: { kind: 'lesson', id: ref },
            opens: { lesson: ref },
            tf: termCounts(analyze, title, text),
          });
        });
      }
    }
  }
  return out;
}

/**
 * A place of a content list (the provinces): its labels and aliases are light words, but
 * for the catch-all item (`other`), which names no place.
 */
interface Place {
  id: string;
  label: string | Readonly<Record<string, string>>;
  aliases?: readonly string[];
}

/**
 * Build the knowledge base at content time: lessons split into passages, the sourced facts,
 * `content/faq/` pairs, with their term counts, and the lexicon and routes the question
 * reader needs. Problems go to `errors`.
 */
export function compileKnowledge(
  files: readonly SourceFile[],
  courses: readonly Course[],
  facts: Facts,
  errors: ContentError[],
  places: readonly Place[] = [],
): Knowledge | undefined {
  const lexiconFile = files.find((f) => f.path === 'ask/lexicon.yaml');
  if (!lexiconFile) {
    errors.push({ file: 'ask/lexicon.yaml', path: '', message: 'file is missing' });
    return undefined;
  }
  const lexicon: LexiconFile | undefined = parseYaml(lexiconFile, lexiconFileSchema, errors);
  const faqs: FaqEntry[] = [];
  for (const file of files) {
    if (file.path === lexiconFile.path) continue;
    if (!/^faq\/[^/]+\.ya?ml$/.test(file.path)) {
      errors.push({
        file: file.path,
        path: '',
        message: 'no schema for this file: is it in the right folder?',
      });
      continue;
    }
    const data = parseYaml(file, faqFileSchema, errors);
    for (const entry of data?.faq ?? []) {
      if (faqs.some((f) => f.id === entry.id))
        errors.push({ file: file.path, path: 'faq', message: `duplicate FAQ id "${entry.id}"` });
      faqs.push(entry);
    }
  }
  if (!lexicon) return undefined;
  const lessons = new Set(courses.flatMap((c) => c.lessons.map((l) => `${c.id}/${l.id}`)));
  for (const entry of faqs) {
    if (entry.opens && 'lesson' in entry.opens && !lessons.has(entry.opens.lesson))
      errors.push({
        file: 'faq/',
        path: `${entry.id}.opens`,
        message: `unknown lesson "${entry.opens.lesson}"`,
      });
  }
  for (const id of Object.keys(facts)) {
    if (!lexicon.facts[id])
      errors.push({
        file: lexiconFile.path,
        path: 'facts',
        message: `say which check shows the fact "${id}"`,
      });
  }
  const { vocabulary, synonyms, stopwords } = lexicon;
  const placeNames = places
    .filter((p) => p.id !== 'other')
    .flatMap((p) => [
      ...(typeof p.label === 'string' ? [p.label] : Object.values(p.label)),
      ...(p.aliases ?? []),
    ]);
  const light = [...new Set([...lexicon.light, ...placeNames])];
  const analyze = analyzer({ vocabulary, synonyms, stopwords, light });
  const experience = lexicon.experience;
  const passages: Passage[] = [
    ...faqs.flatMap((entry) => faqPassages(analyze, entry, experience)),
    ...lessonKnowledge(analyze, courses),
    ...Object.entries(facts).flatMap(([id, fact]) =>
      LOCALES.map((locale) => ({
        id: `fact:${id}:${locale}`,
        locale,
        title: '',
        text: fact.text[locale],
        source: fact.source[locale],
        link: { kind: 'fact' as const, id },
        ...(lexicon.facts[id] ? { opens: { check: lexicon.facts[id] } } : {}),
        tf: termCounts(analyze, '', fact.text[locale]),
      })),
    ),
  ];
  return {
    lexicon: { vocabulary, synonyms, stopwords, light },
    experience,
    routes: lexicon.routes,
    negations: lexicon.negations,
    passages,
  };
}
