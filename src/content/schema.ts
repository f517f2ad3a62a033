import * as z from 'zod';
import { knowledgeSchema } from '../ask/schema';
import { ADVICE_FILES, adviceDataSchema, type AdviceFile } from '../advice/content-schema';
import type { ActionFactory } from '../core/action';
import { flowSchema, type Flow } from '../core/flow';
import { keywordRouteSchema } from '../core/keywords';
import { courseSchema } from '../courses/schema';
import { surveySchema } from '../surveys/schema';
import { textSchema } from '../core/text';

/** A content list offered as choices (categories, provinces). */
export const listFileSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    items: z
      .array(
        z
          .object({
            id: z
              .string()
              .regex(/^[a-z0-9][a-z0-9_-]*$/, 'item ids are lower-case ascii')
              .max(48),
            label: textSchema,
            aliases: z.array(z.string().min(1)).optional(),
            source: z.string().optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();

/** `content/menu.yaml`: the main menu, each item opening a flow. */
export const menuFileSchema = z
  .object({ items: z.array(z.object({ flow: z.string(), label: textSchema }).strict()).min(1) })
  .strict();

/** `content/commands.yaml`: chat commands and the flows they start. */
export const commandsFileSchema = z
  .object({
    commands: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.string()),
    fallback: z.string(),
    /** The flow free text goes to when it is no command, menu pick or answer (`ask`). */
    free_text: z.string().optional(),
  })
  .strict();

/** `content/keywords.yaml`: free text outside a flow that opens a flow, in order. */
export const keywordsFileSchema = z.object({ routes: z.array(keywordRouteSchema).min(1) }).strict();

/** The bundle the build writes and the Worker imports. */
export const contentBundleSchema = z.object({
  /** Checked against the registered step types when content is built (`compileContent`). */
  flows: z.record(z.string(), z.custom<Flow>()),
  lists: z.record(
    z.string(),
    z.array(
      z.object({ id: z.string(), label: textSchema, aliases: z.array(z.string()).optional() }),
    ),
  ),
  commands: z.record(z.string(), z.string()),
  fallbackFlow: z.string(),
  keywords: z.array(keywordRouteSchema),
  /** Benchmarks, facts and rule thresholds the advice checks read. */
  advice: adviceDataSchema,
  /** The course catalogue (content/courses), lessons in order. */
  courses: z.array(courseSchema),
  /** Surveys from content/surveys (those published through the admin API live in the store). */
  surveys: z.array(surveySchema),
  /** The flow free questions go to (`commands.yaml` `free_text`), when content has one. */
  freeTextFlow: z.string().optional(),
  /** The knowledge base free questions are answered from, built at content time. */
  knowledge: knowledgeSchema,
});

/** See {@link contentBundleSchema}. */
export type ContentBundle = z.infer<typeof contentBundleSchema>;

/** An action over the content bundle (see `ActionFactory` in core/action.ts). */
export type ContentActionFactory = ActionFactory<ContentBundle>;

/**
 * The schema each content file must match, by its path under `content/`. Flows are
 * checked with `flows`, the schema over the registered step types.
 */
export function schemaFor(
  path: string,
  flows: z.ZodType = flowSchema,
):
  | { kind: 'flow' | 'list' | 'menu' | 'commands' | 'keywords' | 'advice'; schema: z.ZodType }
  | undefined {
  // Advice intake flows live beside the benchmarks and rules they feed.
  if (/^(flows|advice)\/[^/]+\.ya?ml$/.test(path)) return { kind: 'flow', schema: flows };
  if (/^lists\/[^/]+\.ya?ml$/.test(path)) return { kind: 'list', schema: listFileSchema };
  if (path === 'menu.yaml') return { kind: 'menu', schema: menuFileSchema };
  if (path === 'commands.yaml') return { kind: 'commands', schema: commandsFileSchema };
  if (path === 'keywords.yaml') return { kind: 'keywords', schema: keywordsFileSchema };
  if (Object.hasOwn(ADVICE_FILES, path))
    return { kind: 'advice', schema: ADVICE_FILES[path as AdviceFile] };
  return undefined;
}
