import * as z from 'zod';
import type { ProfileSlice } from '../core/slices';
import { CHECKS, openSchema } from './schema';

/** The last free question and what it was shown: what its buttons open and rate. */
export const lastAskedSchema = z.object({
  q: z.string().max(500),
  locale: z.enum(['zh-CN', 'en']),
  route: z.enum(CHECKS).optional(),
  shown: z.array(z.object({ id: z.string(), opens: openSchema.optional() })).max(2),
});

/** See {@link lastAskedSchema}. */
export type LastAsked = z.infer<typeof lastAskedSchema>;

/** The ask slice of the profile: only the last question, replaced by the next. */
export const askSlice: ProfileSlice<LastAsked> = { schema: lastAskedSchema };

declare module '../core/profile' {
  interface ProfileSlices {
    ask: LastAsked;
  }
}
