import { Hono } from 'hono';
import { liveAsker } from '../ask/actions';
import { askRequestSchema } from '../ask/api-schema';
import type { Knowledge } from '../ask/schema';
import { content } from '../content';
import { withOverlay } from '../content/overlay';
import { createOverlayCache, type OverlayCache } from '../shell/overlay-cache';
import type { OverlayStore } from '../store/overlay';
import { apiLocale, badRequest, fieldIssue, issuesOf } from './bad-request';
import type { AppEnv } from './types';

/**
 * `POST /api/ask`: a free question answered from our own content, as the chat does
 * (routed check, at most two sourced passages, confidence), or 400 with field errors.
 * Stateless: nothing is kept. With a store, trainers' answers published since (the content
 * overlay's version changed) are merged in first: one version read, the overlay only then.
 */
export function askRoutes(
  store?: Pick<OverlayStore, 'overlayVersion' | 'overlay'>,
  given?: OverlayCache<Knowledge>,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Per app (one per isolate), built at the first question: the bundle with what trainers published.
  let cache = given;
  app.post('/api/ask', async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    if (raw === undefined)
      return c.json(
        badRequest([fieldIssue('body', 'not_json')], apiLocale(c), 'invalid_json'),
        400,
      );
    const parsed = askRequestSchema.safeParse(raw);
    if (!parsed.success)
      return c.json(badRequest(issuesOf(parsed.error, { input: raw }), apiLocale(c)), 400);
    cache ??= createOverlayCache((overlay) => withOverlay(content, overlay.kinds).knowledge);
    const knowledge = store ? await cache.refresh(store) : cache.current();
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
