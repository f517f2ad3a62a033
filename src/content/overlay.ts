import { withTrainerAnswers } from '../ask/trainer-answers';
import { withStoredLessons } from '../courses/stored-lessons';
import type { ContentBundle } from './schema';

/** Published entries per overlay kind (see store/overlay.ts): kind -> field -> value. */
export type OverlayEntries = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * The bundled content with what was published at run time merged in (a pure function, so
 * it composes with however the bundle itself was loaded). Each overlay kind has its merge
 * here; `lessons` goes into the course catalogue, `faq` (trainers' answers) into the
 * knowledge base.
 */
export function withOverlay(content: ContentBundle, kinds: OverlayEntries): ContentBundle {
  const lessons = kinds.lessons ?? {};
  const faq = kinds.faq ?? {};
  let merged = content;
  if (Object.keys(lessons).length > 0)
    merged = { ...merged, courses: withStoredLessons(content.courses, lessons) };
  if (Object.keys(faq).length > 0)
    merged = { ...merged, knowledge: withTrainerAnswers(content.knowledge, faq) };
  return merged;
}
