import type { WechatConfig } from '../../config';
import type { Logger } from '../../shell/logger';
import type { CoordinationStore } from '../../store/port';

/** A fetch function (the global one in production, a stand-in in tests). */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** An access token and when it stops working (ms since the epoch). */
export interface AccessToken {
  token: string;
  expiresAt: number;
}

/** WeChat answered with an error code (`errcode` other than 0). */
export class WechatApiError extends Error {
  override readonly name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`wechat api error ${errcode}: ${errmsg}`);
  }
}

/** Per-call timeout for WeChat's API. */
export const API_TIMEOUT_MS = 5000;

/** POST JSON to WeChat and read its JSON answer; an `errcode` other than 0 throws. */
export async function postWechat<T>(fetcher: Fetch, url: string, body: unknown): Promise<T> {
  const response = await fetcher(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
  });
  if (!response.ok) throw new WechatApiError(-1, `http ${response.status}`);
  const data = (await response.json()) as T & { errcode?: number; errmsg?: string };
  if (data.errcode !== undefined && data.errcode !== 0) {
    throw new WechatApiError(data.errcode, data.errmsg ?? '');
  }
  return data;
}

/**
 * Fetch a token from `getStableAccessToken` (`POST /cgi-bin/stable_token`). Unlike the
 * older `/cgi-bin/token`, calling it again does not invalidate the token others hold, so
 * the Worker, a second isolate and `npm run wechat:menu` can all ask safely.
 */
export async function fetchStableToken(
  fetcher: Fetch,
  config: Pick<WechatConfig, 'apiRoot' | 'appId' | 'appSecret'>,
  now: number,
): Promise<AccessToken> {
  const data = await postWechat<{ access_token?: string; expires_in?: number }>(
    fetcher,
    `${config.apiRoot}/cgi-bin/stable_token`,
    {
      grant_type: 'client_credential',
      appid: config.appId,
      secret: config.appSecret,
      force_refresh: false,
    },
  );
  if (!data.access_token || !data.expires_in) throw new WechatApiError(-1, 'no access_token');
  return { token: data.access_token, expiresAt: now + data.expires_in * 1000 };
}

/** What {@link AccessTokens} needs. */
export interface AccessTokenDeps {
  store: CoordinationStore;
  fetch: Fetch;
  now(): number;
  newId(): string;
  log: Logger;
  sleep?(ms: number): Promise<void>;
}

/** Refresh this long before the token expires. */
const EARLY_MS = 5 * 60 * 1000;
const LOCK_SECONDS = 10;
const WAIT_STEP_MS = 150;
const WAIT_STEPS = 12;

/**
 * The account's access token, cached in the store with its expiry so every isolate shares
 * it, and refreshed by one caller at a time (a claim in the store): the others wait for
 * the cache to fill rather than all asking WeChat at once.
 */
export class AccessTokens {
  private memo: AccessToken | undefined;
  private readonly cacheName: string;
  private readonly lockName: string;

  constructor(
    private readonly config: WechatConfig,
    private readonly deps: AccessTokenDeps,
  ) {
    this.cacheName = `wechat:token:${config.appId}`;
    this.lockName = `wechat:token-refresh:${config.appId}`;
  }

  /** A usable token; `rejected` is one WeChat just refused, so it is not handed out again. */
  async get(rejected?: string): Promise<string> {
    const usable = (t: AccessToken | undefined): t is AccessToken =>
      t !== undefined && t.token !== rejected && t.expiresAt - EARLY_MS > this.deps.now();
    if (usable(this.memo)) return this.memo.token;
    const cached = await this.readCache();
    if (usable(cached)) return (this.memo = cached).token;

    const owner = this.deps.newId();
    const lock = await this.deps.store.claim(this.lockName, owner, LOCK_SECONDS);
    if (!lock.won) {
      const sleep = this.deps.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
      for (let i = 0; i < WAIT_STEPS; i++) {
        await sleep(WAIT_STEP_MS);
        const fresh = await this.readCache();
        if (usable(fresh)) return (this.memo = fresh).token;
      }
      // The refresher is slow or gone: asking ourselves is safe with the stable token API.
      this.deps.log.warn('wechat_token_wait_gave_up', {});
    }
    try {
      const fresh = await fetchStableToken(this.deps.fetch, this.config, this.deps.now());
      const ttl = Math.floor((fresh.expiresAt - this.deps.now() - EARLY_MS) / 1000);
      if (ttl > 0) await this.deps.store.cacheSet(this.cacheName, fresh, ttl);
      this.deps.log.info('wechat_token_refreshed', { expiresAt: fresh.expiresAt });
      return (this.memo = fresh).token;
    } finally {
      if (lock.won) await this.deps.store.release(this.lockName, owner);
    }
  }

  private async readCache(): Promise<AccessToken | undefined> {
    const raw = (await this.deps.store.cacheGet(this.cacheName)) as Partial<AccessToken> | null;
    return typeof raw?.token === 'string' && typeof raw.expiresAt === 'number'
      ? { token: raw.token, expiresAt: raw.expiresAt }
      : undefined;
  }
}
