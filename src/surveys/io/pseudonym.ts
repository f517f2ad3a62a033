import { createHmac } from 'node:crypto';
import type { UserRef } from '../../store/port';

/** Pseudonyms kept in memory per isolate: one HMAC per person, not per answer. */
const CACHE_LIMIT = 5000;

/**
 * A respondent's pseudonym: `r` and 32 hex digits of HMAC-SHA256(secret, "channel:userId").
 * Stable for a person, unlinkable to them without the secret, and never numeric, so Excel
 * keeps it as text. Truncating to 128 bits keeps it short with no practical collisions.
 *
 * @example const pseudonym = pseudonymizer(secret); await pseudonym({ channel: 'telegram', userId: '42' }) // 'r3f0c…'
 */
export function pseudonymizer(secret: string): (user: UserRef) => Promise<string> {
  const cache = new Map<string, string>();
  return async (user) => {
    const subject = `${user.channel}:${user.userId}`;
    const known = cache.get(subject);
    if (known !== undefined) return known;
    const mac = createHmac('sha256', secret).update(subject, 'utf8').digest('hex');
    const pseudonym = `r${mac.slice(0, 32)}`;
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(subject, pseudonym);
    return pseudonym;
  };
}

/** A person's pseudonym from a `channel:userId` ref (how broadcasts name recipients). */
export function refToUser(ref: string): UserRef {
  const at = ref.indexOf(':');
  return { channel: ref.slice(0, at), userId: ref.slice(at + 1) };
}
