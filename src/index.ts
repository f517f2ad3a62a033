import type { Hono } from 'hono';
import { deliverChunk } from './broadcast/consumer';
import { startDueJobs } from './broadcast/planner';
import type { BroadcastChunk } from './broadcast/queue';
import { buildDeps, ensureData } from './compose';
import { runCourseSchedule } from './courses/shell/schedule';
import { ConfigError } from './config';
import { createApp } from './http/app';
import type { AppDeps, AppEnv } from './http/types';

type Env = Record<string, unknown>;

let cached: { env: unknown; deps: AppDeps; app: Hono<AppEnv> } | undefined;

/** Dependencies and app, built once per isolate (per env object). */
function runtime(env: Env): { deps: AppDeps; app: Hono<AppEnv> } {
  if (cached?.env !== env) {
    const deps = buildDeps(env);
    cached = { env, deps, app: createApp(deps) };
  }
  return cached;
}

/**
 * A configuration error: the detail (which variable, why) goes to the log only; callers get
 * 503 and no detail, `/healthz` in its own shape so a monitor sees the Worker is down.
 */
function configFailure(error: unknown, request: Request): Response {
  if (!(error instanceof ConfigError)) throw error;
  console.error(
    JSON.stringify({ level: 'error', event: 'config_invalid', message: error.message }),
  );
  const health = new URL(request.url).pathname === '/healthz';
  return Response.json(
    health ? { ok: false, error: 'misconfigured' } : { error: 'misconfigured' },
    {
      status: 503,
      headers: { 'Cache-Control': 'no-store' },
    },
  );
}

function serve(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
  try {
    return runtime(env).app.fetch(request, env, ctx);
  } catch (error) {
    return configFailure(error, request);
  }
}

/**
 * The Worker: HTTP, the broadcast queue consumer and the cron trigger. Each first waits
 * for the isolate's content and catalogues (one asset read when the isolate is cold,
 * nothing after that: see ./runtime-data.ts).
 */
export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    const loading = ensureData(env);
    if (!loading) return serve(request, env, ctx);
    return loading.then(
      () => serve(request, env, ctx),
      (error: unknown) => configFailure(error, request),
    );
  },

  /** Deliver broadcast chunks; a chunk that asks to wait, or fails, goes back to the queue. */
  async queue(batch: MessageBatch<BroadcastChunk>, env: Env): Promise<void> {
    await ensureData(env);
    const { deps } = runtime(env);
    for (const message of batch.messages) {
      try {
        const result = await deliverChunk(deps.consumer, message.body);
        if (result.ack) message.ack();
        else
          message.retry(
            result.delaySeconds === undefined ? {} : { delaySeconds: result.delaySeconds },
          );
      } catch (error) {
        deps.log.error('broadcast_chunk_failed', {
          jobId: message.body.jobId,
          message: String(error),
        });
        message.retry({ delaySeconds: 10 });
      }
    }
  },

  /** Start scheduled broadcasts whose time has come; announce new lessons; send due drips. */
  async scheduled(
    _controller: ScheduledController,
    env: Env,
    ctx: ExecutionContext,
  ): Promise<void> {
    await ensureData(env);
    const { deps } = runtime(env);
    ctx.waitUntil(
      startDueJobs(deps.planner)
        .then((n) => deps.log.info('broadcast_due_started', { started: n }))
        .finally(() => runCourseSchedule(deps)),
    );
  },
} satisfies ExportedHandler<Env, BroadcastChunk>;
