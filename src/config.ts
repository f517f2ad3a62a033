import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** The Worker's environment as wrangler passes it: vars and secrets are strings. */
const envSchema = z.object({
  APP_ENV: z.enum(['development', 'production']).default('development'),
  UPSTASH_REDIS_REST_URL: optionalString.pipe(z.url().optional()),
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  STORE_PREFIX: optionalString,
  WEBCHAT_ENABLED: flag,
  WEBCHAT_SECRET: optionalString,
  PSEUDONYM_SECRET: optionalString,
  LOG_DEBUG: flag,
});

/** Settings the app runs with, derived once from the environment. */
export interface Config {
  env: 'development' | 'production';
  store: { kind: 'memory' } | { kind: 'upstash'; url: string; token: string };
  storePrefix: string;
  webchat: { enabled: boolean; cookieSecret: string | undefined };
  debug: boolean;
}

/** A configuration problem, named by variable, so a deploy fails with a clear message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parse the environment. Only the composition root calls this.
 *
 * @example parseConfig({ APP_ENV: 'development' }).store.kind // 'memory'
 */
export function parseConfig(env: Record<string, unknown>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (Boolean(e.UPSTASH_REDIS_REST_URL) !== Boolean(e.UPSTASH_REDIS_REST_TOKEN)) {
    throw new ConfigError(
      'set both UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN, or neither',
    );
  }
  const production = e.APP_ENV === 'production';
  const webchatEnabled = e.WEBCHAT_ENABLED ?? !production;
  if (production && webchatEnabled && !e.WEBCHAT_SECRET) {
    throw new ConfigError('WEBCHAT_SECRET is required when the web chat is enabled in production');
  }
  return {
    env: e.APP_ENV,
    store:
      e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN
        ? { kind: 'upstash', url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN }
        : { kind: 'memory' },
    storePrefix: e.STORE_PREFIX ?? 'svb:',
    webchat: { enabled: webchatEnabled, cookieSecret: e.WEBCHAT_SECRET },
    debug: e.LOG_DEBUG ?? false,
  };
}
