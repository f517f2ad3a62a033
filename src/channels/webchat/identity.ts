import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';

/** The cookie that carries the web chat user id the server issued. */
export const CHAT_COOKIE = 'svb_chat';

const YEAR = 365 * 24 * 60 * 60;
const DEV_SECRET = 'development-only-webchat-secret';

/** How the web chat knows who is speaking. */
export interface ChatIdentityOptions {
  /** Production: only the signed cookie's id may speak. Development: any `userId`. */
  strict: boolean;
  secret: string | undefined;
  newId(): string;
}

/** The id in the signed cookie, if the cookie is present and its signature holds. */
export async function readChatId(
  c: Context,
  options: ChatIdentityOptions,
): Promise<string | undefined> {
  const value = await getSignedCookie(c, options.secret ?? DEV_SECRET, CHAT_COOKIE);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The id of the person opening the page: the cookie's, or a new one set in a cookie. */
export async function issueChatId(
  c: Context,
  options: ChatIdentityOptions,
): Promise<{ id: string; fresh: boolean }> {
  const existing = await readChatId(c, options);
  if (existing) return { id: existing, fresh: false };
  const id = `w${options.newId()}`;
  await setSignedCookie(c, CHAT_COOKIE, id, options.secret ?? DEV_SECRET, {
    httpOnly: true,
    secure: options.strict,
    sameSite: 'Strict',
    path: '/',
    maxAge: YEAR,
  });
  return { id, fresh: true };
}
