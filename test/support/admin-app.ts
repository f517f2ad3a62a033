import type { Hono } from 'hono';
import { MemoryQueue } from '../../src/broadcast/queue';
import { deliverChunk } from '../../src/broadcast/consumer';
import { buildDeps } from '../../src/compose';
import type { Role } from '../../src/config';
import { createApp } from '../../src/http/app';
import type { AppDeps, AppEnv } from '../../src/http/types';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';

/** One token per role, as ADMIN_TOKENS lists them. */
export const ADMIN_TEST_TOKENS: Record<Role, string> = {
  admin: 'admin-token-0123456789ab',
  researcher: 'research-token-0123456789',
  trainer: 'trainer-token-0123456789',
};

/** The origin `app.request()` gives requests (http://localhost). */
export const ORIGIN = 'http://localhost';

/** An app over a memory store with admin tokens, a Telegram bot and an in-process queue. */
export interface AdminTestApp {
  app: Hono<AppEnv>;
  deps: AppDeps;
  store: Store;
  queue: MemoryQueue;
  /** Deliver everything queued (the bot API must be mocked). */
  drain(): Promise<unknown>;
  /** Put people in the audience index, as their onboarding would. */
  seedUsers(
    users: { id: number; locale?: string; channel?: string; seen?: number }[],
  ): Promise<void>;
}

/**
 * Build {@link AdminTestApp}; `now` fixes the clock. `queue: false` builds it as a deploy
 * without the BROADCAST binding (broadcasts are refused). `store` replaces the memory store
 * (an Upstash store over a real Redis, say).
 */
export function adminTestApp(
  options: { now?: () => number; queue?: false; store?: Store } = {},
): AdminTestApp {
  const store = options.store ?? createMemoryStore();
  const queue = new MemoryQueue();
  const env = {
    ADMIN_TOKENS: (Object.entries(ADMIN_TEST_TOKENS) as [Role, string][])
      .map(([role, token]) => `${role}:${token}`)
      .join(','),
    TELEGRAM_BOT_TOKEN: '1:T',
    TELEGRAM_WEBHOOK_SECRET: 's',
    TELEGRAM_BOT_INFO: JSON.stringify({ id: 1, is_bot: true, first_name: 'b', username: 'b' }),
  };
  const base = buildDeps(env, {
    store,
    log: memoryLogger(),
    ...(options.now ? { now: options.now } : {}),
  });
  const deps = options.queue === false ? base : { ...base, planner: { ...base.planner, queue } };
  const app = createApp(deps);
  return {
    app,
    deps,
    store,
    queue,
    drain: () => queue.drain((chunk) => deliverChunk(deps.consumer, chunk)),
    async seedUsers(users) {
      for (const u of users) {
        const channel = u.channel ?? 'telegram';
        await store.commit(
          { channel, userId: String(u.id) },
          {
            expectedVersion: 0,
            messageId: 'seed',
            conversation: null,
            profile: null,
            replies: [],
            effects: [
              {
                kind: 'index_user',
                user: `${channel}:${u.id}`,
                data: { channel, locale: u.locale ?? 'zh-CN', consent: true, seen: u.seen },
              },
            ],
          },
        );
      }
    },
  };
}

/** A browser stand-in for `app.request()`: keeps cookies, sends Origin on posts. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly app: Pick<Hono<AppEnv>, 'request'>) {}

  /** The cookie header this browser would send. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A cookie's value. */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private remember(res: Response): void {
    const headers = res.headers as unknown as { getSetCookie(): string[] };
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Any request, with this browser's cookies. */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('Cookie', this.cookieHeader());
    const res = await this.app.request(path, { ...init, headers });
    this.remember(res);
    return res;
  }

  /** GET a page. */
  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(path, { headers });
  }

  /** POST a form (from this site unless `origin` says otherwise). */
  post(
    path: string,
    form: Record<string, string>,
    origin: string | null = ORIGIN,
  ): Promise<Response> {
    return this.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(origin ? { Origin: origin } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** The hidden `_csrf` value of the last form on a page. */
  static csrfOf(html: string): string {
    const all = [...html.matchAll(/name="_csrf" value="([^"]+)"/g)];
    return all.at(-1)?.[1] ?? '';
  }

  /** Log in with a token through the login form; the response of the form post. */
  async login(token: string): Promise<Response> {
    const page = await (await this.get('/admin/login')).text();
    return this.post('/admin/login', { token, _csrf: Browser.csrfOf(page), next: '/admin' });
  }
}
