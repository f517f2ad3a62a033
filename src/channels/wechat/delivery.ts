import type { Logger } from '../../shell/logger';
import type { CoordinationStore } from '../../store/port';
import type { WechatClient } from './client';
import { CUSTOMER_SERVICE_PER_MESSAGE } from './render';

/**
 * How a message's reply is delivered, recorded as a claim in the store so that exactly
 * one handler of the message (the first delivery or one of WeChat's retries) sends
 * customer-service messages for it:
 * - `passive`: the first part goes in the HTTP response, the rest by customer service;
 * - `cs`: a handler ran out of time, answered `success`, and sends every part by
 *   customer service.
 */
export type DeliveryMode = 'passive' | 'cs';

/** How long a delivery claim is kept: far longer than WeChat's retries (about 15 s). */
export const DELIVERY_CLAIM_SECONDS = 3600;

/** The claim name for one message's reply. */
export function deliveryClaim(openId: string, messageId: string): string {
  return `wechat:reply:${openId}:${messageId}`;
}

/** What sending by customer service needs. */
export interface DeliveryDeps {
  store: CoordinationStore;
  client: WechatClient;
  log: Logger;
}

/**
 * Claim the delivery of a message's reply in `mode`. Answers the mode that holds it now
 * and whether we won (only the winner may send customer-service messages).
 */
export async function claimDelivery(
  deps: DeliveryDeps,
  openId: string,
  messageId: string,
  mode: DeliveryMode,
): Promise<{ won: boolean; mode: DeliveryMode }> {
  const claim = await deps.store.claim(
    deliveryClaim(openId, messageId),
    mode,
    DELIVERY_CLAIM_SECONDS,
  );
  return { won: claim.won, mode: claim.holder === 'cs' ? 'cs' : 'passive' };
}

/**
 * Send parts by customer service, in order, at most WeChat's five per message. 45015
 * (outside the 48-hour window) is logged and counted, not retried; other failures are
 * logged. Never throws: it runs after the response.
 */
export async function sendByCustomerService(
  deps: DeliveryDeps,
  openId: string,
  messageId: string,
  parts: readonly string[],
): Promise<void> {
  const allowed = parts.slice(0, CUSTOMER_SERVICE_PER_MESSAGE);
  if (allowed.length < parts.length) {
    deps.log.warn('wechat_reply_truncated', { messageId, parts: parts.length });
  }
  const result = await deps.client.sendTexts(openId, allowed);
  const failure = result.failure;
  if (!failure) return;
  const fields = { messageId, sent: result.sent, of: allowed.length };
  const counter =
    failure.kind === 'outside_window'
      ? 'wechat:outside_window'
      : failure.kind === 'blocked'
        ? 'wechat:not_following'
        : 'wechat:send_failed';
  if (failure.kind === 'failed') {
    deps.log.error('wechat_send_failed', {
      ...fields,
      errcode: failure.errcode,
      message: failure.message,
    });
  } else {
    deps.log.info(`wechat_${failure.kind}`, fields);
  }
  await deps.store.count(counter).catch((error: unknown) => {
    deps.log.warn('wechat_count_failed', { counter, message: String(error) });
  });
}

/** The outcome of {@link withinBudget}. */
export type Budgeted<T> = { done: true; value: T } | { done: false };

/**
 * Wait for `work` at most `budgetMs` (0: do not wait at all). A rejection inside the
 * budget is thrown; after it, `work` is the caller's to settle.
 */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<Budgeted<T>> {
  if (budgetMs <= 0) return { done: false };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<Budgeted<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), budgetMs);
  });
  try {
    return await Promise.race([
      work.then((value): Budgeted<T> => ({ done: true, value })),
      expired,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
