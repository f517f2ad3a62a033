import type { Effect, Store } from '../../src/store/port';

/** Options of {@link seedTelegramAudience}. */
export interface SeedOptions {
  /** Audience fields of person `i` beyond channel, locale (odd: zh-CN, even: en) and consent. */
  fields?: (i: number) => Record<string, unknown>;
  /** More effects for person `i` (a course subscription, say). */
  effects?: (i: number) => Effect[];
}

/**
 * Put Telegram users 1..n into the audience index, as their onboarding turns would, so
 * broadcast tests and benchmarks have an audience to resolve.
 */
export async function seedTelegramAudience(
  store: Store,
  n: number,
  options: SeedOptions = {},
): Promise<void> {
  for (let i = 1; i <= n; i++) {
    const data = {
      channel: 'telegram',
      locale: i % 2 ? 'zh-CN' : 'en',
      consent: true,
      ...options.fields?.(i),
    };
    await store.commit(
      { channel: 'telegram', userId: String(i) },
      {
        expectedVersion: 0,
        messageId: 'seed',
        conversation: null,
        profile: null,
        replies: [],
        effects: [
          { kind: 'index_user', user: `telegram:${i}`, data },
          ...(options.effects?.(i) ?? []),
        ],
      },
    );
  }
}
