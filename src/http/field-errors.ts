import type { z } from 'zod';

/** Field errors in the shape every 400 of the APIs uses: `{ field: [messages] }`. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    (out[field] ??= []).push(issue.message);
  }
  return out;
}
