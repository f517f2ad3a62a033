import { analyzer } from './analyze';
import { faqPassages } from './passages';
import { faqEntrySchema, type FaqEntry, type Knowledge } from './schema';

/**
 * A trainer's answer, written on the Questions page: the question and answer in both
 * languages, with a dated source or marked as experience (the same rules as content/faq).
 */
export const trainerAnswerSchema = faqEntrySchema;

/** A published answer's history entry (overlay kind `faq`): the entry, who wrote it and when. */
export interface StoredAnswer {
  entry: FaqEntry;
  by: string;
  at: number;
}

/**
 * The knowledge base with trainers' answers (overlay kind `faq`: faq id -> entry) merged
 * in, as a new object (the bundled one is never changed, so a rebuild on a new overlay
 * version starts from the bundle). A trainer's answer replaces a bundled FAQ of the same
 * id; entries that do not parse are left out.
 */
export function withTrainerAnswers(
  knowledge: Knowledge,
  published: Readonly<Record<string, unknown>>,
): Knowledge {
  const entries = Object.values(published).flatMap((raw) => {
    const parsed = faqEntrySchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
  if (entries.length === 0) return knowledge;
  const analyze = analyzer(knowledge.lexicon);
  const replaced = new Set(entries.map((e) => e.id));
  return {
    ...knowledge,
    passages: [
      ...knowledge.passages.filter((p) => !(p.link.kind === 'faq' && replaced.has(p.link.id))),
      ...entries.flatMap((e) => faqPassages(analyze, e, knowledge.experience, 'trainer')),
    ],
  };
}
