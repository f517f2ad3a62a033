import { stringify } from 'yaml';
import type { Locale } from '../core/message';
import type { Lesson } from '../courses/schema';

/**
 * A lesson as its file in `content/courses/<course>/` (`NN-name.<locale>.md`): the same
 * front matter the build reads (quiz `correct` 1-based) and the Markdown body. What
 * `npm run courses:export` writes for a lesson published through the admin API.
 *
 * @example lessonFile(lesson, 'en') // { name: '06-jars-post.en.md', text: '---\nid: jars_post\n…' }
 */
export function lessonFile(lesson: Lesson, locale: Locale): { name: string; text: string } {
  const pick = (words: Partial<Record<Locale, string>>) => words[locale] ?? '';
  const quiz = lesson.quiz;
  const meta = {
    id: lesson.id,
    order: lesson.order,
    title: pick(lesson.title),
    minutes: lesson.minutes,
    sources: lesson.sources,
    ...(quiz && {
      quiz: {
        question: pick(quiz.question),
        options: quiz.options.map(pick),
        correct: quiz.correct + 1,
        explanation: pick(quiz.explanation),
      },
    }),
  };
  const name = `${String(lesson.order).padStart(2, '0')}-${lesson.id.replace(/_/g, '-')}.${locale}.md`;
  const front = stringify(meta, { lineWidth: 0, flowCollectionPadding: false }).trimEnd();
  return { name, text: `---\n${front}\n---\n\n${pick(lesson.body).trim()}\n` };
}
