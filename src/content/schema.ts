import { z } from 'zod';
import { flowSchema } from '../core/flow';
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
  })
  .strict();

/** The bundle the build writes and the Worker imports. */
export const contentBundleSchema = z.object({
  flows: z.record(z.string(), flowSchema),
  lists: z.record(
    z.string(),
    z.array(
      z.object({ id: z.string(), label: textSchema, aliases: z.array(z.string()).optional() }),
    ),
  ),
  commands: z.record(z.string(), z.string()),
  fallbackFlow: z.string(),
});

/** See {@link contentBundleSchema}. */
export type ContentBundle = z.infer<typeof contentBundleSchema>;

/** The schema each content file must match, by its path under `content/`. */
export function schemaFor(
  path: string,
): { kind: 'flow' | 'list' | 'menu' | 'commands'; schema: z.ZodType } | undefined {
  if (/^flows\/[^/]+\.ya?ml$/.test(path)) return { kind: 'flow', schema: flowSchema };
  if (/^lists\/[^/]+\.ya?ml$/.test(path)) return { kind: 'list', schema: listFileSchema };
  if (path === 'menu.yaml') return { kind: 'menu', schema: menuFileSchema };
  if (path === 'commands.yaml') return { kind: 'commands', schema: commandsFileSchema };
  return undefined;
}
