import { Hono } from 'hono';
import { liveAsker } from '../ask/actions';
import { askRequestSchema } from '../ask/api-schema';
import type { Knowledge } from '../ask/schema';
import { content } from '../content';
import { fieldErrors } from './field-errors';
import type { AppEnv } from './types';

/**
 * `POST /api/ask`: a free question answered from our own content, as the chat does
 * (routed check, at most two sourced passages, confidence), or 400 with field errors.
 * Stateless: nothing is kept.
 */
export function askRoutes(knowledge: Knowledge = content.knowledge): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/api/ask', async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    if (raw === undefined)
      return c.json({ error: 'invalid_json', fields: { body: ['must be a JSON object'] } }, 400);
    const parsed = askRequestSchema.safeParse(raw);
    if (!parsed.success)
      return c.json({ error: 'invalid_request', fields: fieldErrors(parsed.error) }, 400);
    const result = liveAsker(knowledge).ask(parsed.data.question);
    return c.json({
      ...(result.routedTo ? { routedTo: result.routedTo } : {}),
      answers: result.passages.map((p) => ({
        id: p.id,
        title: p.title,
        text: p.text,
        source: p.source,
        link: p.link,
      })),
      confidence: Math.round(result.confidence * 100) / 100,
    });
  });
  return app;
}
