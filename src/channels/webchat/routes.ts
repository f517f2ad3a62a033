import { Hono } from 'hono';
import { resolveLocale } from '../../core/engine';
import { LOCALES, type Locale } from '../../core/message';
import type { AppEnv } from '../../http/types';
import { apiLocale, badRequest, fieldIssue, issuesOf } from '../../http/bad-request';
import { respondTurn } from '../../shell/pipeline';
import { toInbound, webchatBodySchema } from './inbound';
import { issueChatId, readChatId, type ChatIdentityOptions } from './identity';
import { chatPage, startPayload } from './page';
import { renderWebchat } from './render';

/**
 * The web chat: `GET /chat` (the page) and `POST /webchat/api/messages` (one turn).
 * Mounted only when the web chat is enabled.
 */
export function webchatRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const identity = (c: { var: AppEnv['Variables'] }): ChatIdentityOptions => ({
    strict: c.var.deps.config.env === 'production',
    secret: c.var.deps.config.webchat.cookieSecret,
    newId: c.var.deps.newId,
  });

  app.get('/chat', async (c) => {
    const { id, fresh } = await issueChatId(c, identity(c));
    const locale = resolveLocale({}, c.req.header('Accept-Language'));
    c.header('Cache-Control', 'no-store');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:",
    );
    const start = startPayload(c.req.query('start'));
    return c.html(
      chatPage({ userId: id, locale, fresh, t: c.var.deps.program.t, ...(start ? { start } : {}) }),
    );
  });

  app.post('/webchat/api/messages', async (c) => {
    const deps = c.var.deps;
    const raw: unknown = await c.req.json().catch(() => undefined);
    if (raw === undefined)
      return c.json(
        badRequest([fieldIssue('body', 'not_json')], apiLocale(c), 'invalid_json'),
        400,
      );
    const parsed = webchatBodySchema.safeParse(raw);
    if (!parsed.success)
      return c.json(badRequest(issuesOf(parsed.error, { input: raw }), apiLocale(c)), 400);
    const body = parsed.data;

    let userId = body.userId;
    const options = identity(c);
    if (options.strict) {
      const issued = await readChatId(c, options);
      // The page's language when it sent one, so the person reads why in the chat's language.
      const locale = LOCALES.includes(body.locale as Locale)
        ? (body.locale as Locale)
        : apiLocale(c);
      const refused = (error: string, status: 401 | 403) => {
        const message = deps.program.t(locale, 'webchat.error_session');
        return c.json({ error, message, fields: { userId: [message] } }, status);
      };
      if (!issued) return refused('no_session', 401);
      if (userId !== undefined && userId !== issued) return refused('user_mismatch', 403);
      userId = issued;
    }
    if (userId === undefined)
      return c.json(badRequest([fieldIssue('userId', 'required')], apiLocale(c)), 400);

    const inbound = toInbound(body, userId, body.messageId ?? deps.newId(), deps.now());
    // The response is the delivery; a retried messageId gets the stored replies again.
    const outcome = await respondTurn({ turn: deps.turn, log: deps.log }, inbound);
    return c.json({ ...renderWebchat(outcome.replies), locale: outcome.locale });
  });

  return app;
}
