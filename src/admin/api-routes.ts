import { Hono } from 'hono';
import { resolveAudience } from '../broadcast/audience';
import { fieldErrors } from '../http/field-errors';
import type { AppEnv } from '../http/types';
import { audiencePreviewInputSchema, auditQuerySchema } from './api-schemas';
import { readAudit } from './audit';
import { identifyCaller, requireRole } from './auth';
import { adminOpenApi } from './openapi';
import { overview } from './overview';

/**
 * The console's own admin API routes: the OpenAPI document, who am I, the overview
 * (admin), the audit trail (admin) and an audience's size before sending (trainer,
 * researcher).
 */
export function consoleApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const anyRole = requireRole('researcher', 'trainer');

  app.get('/admin/api/openapi.json', anyRole, (c) => c.json(adminOpenApi()));

  app.get('/admin/api/whoami', anyRole, async (c) => {
    const caller = await identifyCaller(c);
    const via = 'via' in caller ? caller.via : 'token';
    return c.json({ label: c.var.actor?.label, role: c.var.actor?.role, via });
  });

  app.get('/admin/api/overview', requireRole('admin'), async (c) =>
    c.json(await overview(c.var.deps.store, c.var.deps.now())),
  );

  app.get('/admin/api/audit', requireRole('admin'), async (c) => {
    const query = auditQuerySchema.safeParse(c.req.query());
    if (!query.success)
      return c.json({ error: 'invalid_request', fields: fieldErrors(query.error) }, 400);
    return c.json({ entries: await readAudit(c.var.deps.store, query.data.limit) });
  });

  app.post('/admin/api/audience/preview', requireRole('trainer', 'researcher'), async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const parsed = audiencePreviewInputSchema.safeParse(raw);
    if (!parsed.success)
      return c.json({ error: 'invalid_request', fields: fieldErrors(parsed.error) }, 400);
    const recipients = await resolveAudience(c.var.deps.store, parsed.data.audience);
    const byChannel: Record<string, number> = {};
    const byLocale: Record<string, number> = {};
    for (const r of recipients) {
      byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
      byLocale[r.locale] = (byLocale[r.locale] ?? 0) + 1;
    }
    return c.json({ size: recipients.length, byChannel, byLocale });
  });

  return app;
}
