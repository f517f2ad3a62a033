import * as z from 'zod';
import { audienceSchema } from '../broadcast/audience';

/** The body of `POST /admin/api/audience/preview`. */
export const audiencePreviewInputSchema = z.object({ audience: audienceSchema }).strict();

/** How many people an audience reaches now, by channel and language. */
export const audiencePreviewSchema = z.object({
  size: z.number().int().min(0),
  byChannel: z.record(z.string(), z.number().int().min(0)),
  byLocale: z.record(z.string(), z.number().int().min(0)),
});

/** See {@link audiencePreviewSchema}. */
export type AudiencePreview = z.infer<typeof audiencePreviewSchema>;
