import { Hono } from 'hono';
import { openApiDoc } from '../http/openapi-docs';
import type { AppEnv } from '../http/types';
import { apiActor, refusalJson } from './api-answer';
import { identifyCaller, requireOperation } from './auth';
import { consoleLocale } from './console/i18n';
import { auditTrail } from './services/audit-trail';
import { overview, previewAudience } from './services/figures';

/**
 * The console's own admin API routes: the OpenAPI document, who am I, the overview
 * (admin), the audit trail (admin) and an audience's size before sending (trainer,
 * researcher).
 */
export function consoleApiRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/admin/api/openapi.json', requireOperation('adminOpenApi'), (c) =>
    c.json(openApiDoc('admin')),
  );

  app.get('/admin/api/whoami', requireOperation('whoami'), async (c) => {
    const caller = await identifyCaller(c);
    const via = 'via' in caller ? caller.via : 'token';
    return c.json({ label: c.var.actor?.label, role: c.var.actor?.role, via });
  });

  app.get('/admin/api/overview', requireOperation('overview'), async (c) => {
    const actor = await apiActor(c);
    const figures = await overview(c.var.deps, actor);
    return figures.ok ? c.json(figures.value) : refusalJson(c, figures, actor);
  });

  app.get('/admin/api/audit', requireOperation('auditTrail'), async (c) => {
    const actor = await apiActor(c);
    const trail = await auditTrail(c.var.deps, actor, c.req.query(), consoleLocale(c));
    if (!trail.ok) return refusalJson(c, trail, actor);
    if (trail.value.format === 'json') {
      const { entries, next, partial } = trail.value;
      return c.json({ entries, next, partial });
    }
    return new Response(trail.value.stream, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${trail.value.name}"`,
        'Cache-Control': 'no-store',
      },
    });
  });

  app.post('/admin/api/audience/preview', requireOperation('previewAudience'), async (c) => {
    const raw: unknown = await c.req.json().catch(() => undefined);
    const actor = await apiActor(c);
    const preview = await previewAudience(c.var.deps, actor, raw);
    return preview.ok ? c.json(preview.value) : refusalJson(c, preview, actor);
  });

  return app;
}
