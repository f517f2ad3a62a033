import * as z from 'zod';
import { audienceSchema } from '../broadcast/audience';

/** A survey's life: a draft until published, open while it takes answers, then closed. */
export const SURVEY_LIFECYCLE = ['draft', 'open', 'closed'] as const;

/** One invitation or reminder sent for a survey: the broadcast job that carries it. */
export const invitationSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['invite', 'reminder']),
  version: z.number().int(),
  at: z.number(),
  audience: audienceSchema,
});

/** See {@link invitationSchema}. */
export type Invitation = z.infer<typeof invitationSchema>;

/**
 * What the store keeps about a survey besides its published versions: its state, the
 * draft being edited (a validated definition whose version is assigned at publishing),
 * the versions published, and the invitations sent. A survey from `content/` has a record
 * too once a researcher sends, reminds or closes it (no draft, no versions).
 */
export const surveyMetaSchema = z.object({
  id: z.string(),
  status: z.enum(SURVEY_LIFECYCLE),
  draft: z.unknown().optional(),
  draftUpdatedAt: z.number().optional(),
  /** The label of the admin token that last saved the draft. */
  draftUpdatedBy: z.string().optional(),
  /** Versions published through the API, oldest first. */
  versions: z
    .array(z.object({ version: z.number().int(), publishedAt: z.number(), by: z.string() }))
    .default([]),
  closedAt: z.number().optional(),
  invitations: z.array(invitationSchema).default([]),
});

/** See {@link surveyMetaSchema}. */
export type SurveyMeta = z.infer<typeof surveyMetaSchema>;

/** The version new respondents get: the last one published, if any. */
export function currentVersion(meta: SurveyMeta): number | undefined {
  return meta.versions.at(-1)?.version;
}

/**
 * The version new respondents get, for any survey: the highest of the bundled file's
 * version (a survey from content/surveys) and the versions published from the console.
 * Undefined while nothing is published.
 */
export function latestVersion(
  meta: SurveyMeta | undefined,
  content: { version: number } | undefined,
): number | undefined {
  const stored = meta ? currentVersion(meta) : undefined;
  if (stored === undefined) return content?.version;
  return content === undefined ? stored : Math.max(stored, content.version);
}

/**
 * The version a draft becomes when published, the same rule for every survey: one above
 * {@link latestVersion}. A bundled survey's new versions are stored beside its file, which
 * stays version 1 (or whatever it says); versions never change once published.
 */
export function nextVersion(
  meta: SurveyMeta | undefined,
  content: { version: number } | undefined,
): number {
  return (latestVersion(meta, content) ?? 0) + 1;
}
