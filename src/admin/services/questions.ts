import * as z from 'zod';
import { askerFor, QUESTIONS_LOG } from '../../ask/actions';
import { trainerAnswerSchema } from '../../ask/trainer-answers';
import { groupQuestions, type LoggedQuestion } from '../../ask/group';
import { content } from '../../content';
import {
  done,
  forbidden,
  recordAudit,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
  permittedInput,
} from './service';

const loggedSchema = z.object({
  q: z.string(),
  locale: z.string(),
  at: z.number(),
  reason: z.string(),
  shown: z.array(z.string()).optional(),
});

/** How many logged questions the page reads (the newest). */
export const QUESTIONS_READ = 1000;

/** `GET /admin/api/questions`: the groups, biggest first, with the shown passages' votes. */
export const questionsViewSchema = z.object({
  total: z.number().int().describe('logged questions read (the newest 1000)'),
  groups: z.array(
    z.object({
      question: z.string().describe('the newest wording'),
      locale: z.string(),
      count: z.number().int(),
      reasons: z.record(z.string(), z.number().int()).describe('unknown, low, not_helpful'),
      examples: z.array(z.string()).max(5),
      shown: z.array(z.string()).describe('passage ids shown for these questions'),
      lastAt: z.number(),
      votes: z.record(z.string(), z.object({ helpful: z.number(), notHelpful: z.number() })),
    }),
  ),
});

/** See {@link questionsViewSchema}. */
export type QuestionsView = z.infer<typeof questionsViewSchema>;

/**
 * The questions we could not answer well (we did not know, a low-confidence answer, or
 * "not helpful"), grouped by similarity, with counts, examples and the passages' votes.
 */
export async function listQuestions(
  deps: ServiceDeps,
  actor: Actor,
): Promise<ServiceOutcome<QuestionsView>> {
  const refusal = forbidden(actor, 'listQuestions');
  if (refusal) return refusal;
  const [raw, counters] = await Promise.all([
    deps.store.readLog(QUESTIONS_LOG, QUESTIONS_READ),
    deps.store.counters(),
  ]);
  const entries: LoggedQuestion[] = raw.flatMap((r) => {
    const parsed = loggedSchema.safeParse(typeof r === 'string' ? safeJson(r) : r);
    return parsed.success ? [parsed.data] : [];
  });
  const groups = groupQuestions(entries, askerFor(content.knowledge).index.analyze);
  return done({
    total: entries.length,
    groups: groups.map((g) => ({
      ...g,
      votes: Object.fromEntries(
        g.shown.map((id) => [
          id,
          {
            helpful: counters[`ask:helpful:${id}`] ?? 0,
            notHelpful: counters[`ask:not_helpful:${id}`] ?? 0,
          },
        ]),
      ),
    })),
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A trainer answers a question (zh and en, a dated source or marked experience): checked
 * with every problem at once, published as overlay kind `faq` (its history kept), audited in
 * plain words. Every isolate merges it into the knowledge base on its next turn's load (the
 * overlay version changed); `/api/ask` refreshes its own copy.
 */
export async function answerQuestion(
  deps: ServiceDeps,
  actor: Actor,
  input: unknown,
): Promise<ServiceOutcome<{ id: string }>> {
  const parsed = permittedInput(actor, 'answerQuestion', trainerAnswerSchema, input);
  if (!parsed.ok) return parsed;
  const entry = parsed.value;
  await deps.store.writeOverlay('faq', entry.id, entry, { entry, by: actor.label, at: deps.now() });
  await recordAudit(deps, actor, {
    action: 'question.answer',
    target: { kind: 'question', id: entry.id, title: entry.question },
  });
  return done({ id: entry.id });
}
