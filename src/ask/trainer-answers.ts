import * as z from 'zod';
import { faqEntrySchema, type FaqEntry } from './schema';

/** The log trainers' answers are appended to (the newest answer to an id wins). */
export const ANSWERS_LOG = 'ask:answers';

/**
 * A trainer's answer, written on the Questions page: the question and answer in both
 * languages, with a dated source or marked as experience (the same rules as content/faq).
 */
export const trainerAnswerSchema = faqEntrySchema;

/** A stored answer: the FAQ entry, who wrote it and when. */
export interface StoredAnswer {
  entry: FaqEntry;
  by: string;
  at: number;
}

/** The answers in force: the newest per id, from the log (oldest first). */
export function answersInForce(log: readonly unknown[]): FaqEntry[] {
  const byId = new Map<string, FaqEntry>();
  for (const raw of log) {
    const parsed = z.object({ entry: faqEntrySchema }).safeParse(raw);
    if (parsed.success) byId.set(parsed.data.entry.id, parsed.data.entry);
  }
  return [...byId.values()];
}
