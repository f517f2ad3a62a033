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
  /** The panel wave it invites to or reminds of (absent: wave 1). */
  wave: z.number().int().min(1).optional(),
});

/** See {@link invitationSchema}. */
export type Invitation = z.infer<typeof invitationSchema>;

/** Who a panel wave goes to: those who answered an earlier wave, or the whole audience. */
export const WAVE_AUDIENCES = ['respondents', 'audience'] as const;

/** A panel wave after the first: the survey sent again, its responses kept apart. */
export const waveSchema = z.object({
  wave: z.number().int().min(2),
  version: z.number().int(),
  at: z.number(),
  by: z.string(),
  audience: z.enum(WAVE_AUDIENCES),
  /** The broadcast the wave went out with, and how many people it was sent to. */
  jobId: z.string(),
  recipients: z.number().int(),
});

/** See {@link waveSchema}. */
export type Wave = z.infer<typeof waveSchema>;

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
  /** Panel waves after the first, oldest first (see src/surveys/waves.ts). */
  waves: z.array(waveSchema).optional(),
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

/** The panel wave a survey is in: 1 until a later wave starts. */
export function currentWave(meta: SurveyMeta | undefined): number {
  return meta?.waves?.at(-1)?.wave ?? 1;
}
