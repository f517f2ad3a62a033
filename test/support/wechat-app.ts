import { buildApp, buildProgram } from '../../src/compose';
import type { AppDeps } from '../../src/http/types';
import { memoryLogger } from '../../src/shell/logger';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { WechatSender, type AccountSettings } from './wechat-api';

/** The account the Node tests use; the key is WeChat's published sample key. */
export const ACCOUNT: Required<AccountSettings> = {
  token: 'villagetoken',
  appId: 'wxb11529c136998cb6',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  original: 'gh_village',
};

/**
 * The Worker's WeChat settings for {@link ACCOUNT}. Compatible mode, so the suites can send
 * every wire format; safe mode (the default with a key) has its own tests.
 */
export const WECHAT_ENV = {
  WECHAT_TOKEN: ACCOUNT.token,
  WECHAT_APP_ID: ACCOUNT.appId,
  WECHAT_APP_SECRET: 'app-secret',
  WECHAT_ENCODING_AES_KEY: ACCOUNT.encodingAesKey,
  WECHAT_MESSAGE_MODE: 'compatible',
};

/** An execution context that keeps `waitUntil` work so a test can wait for it. */
export class TestExecutionContext {
  readonly pending: Promise<unknown>[] = [];
  readonly props = {};
  waitUntil(promise: Promise<unknown>): void {
    this.pending.push(promise);
  }
  passThroughOnException(): void {}
  /** Wait for all background work, including work started by that work. */
  async settle(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }
}

/** The app with WeChat configured, a memory store, and a sender to talk to it. */
export function wechatHarness(
  options: { env?: Record<string, unknown>; store?: Store; overrides?: Partial<AppDeps> } = {},
) {
  const store = options.store ?? createMemoryStore();
  const log = memoryLogger();
  const app = buildApp(
    { ...WECHAT_ENV, ...options.env },
    { store, log, program: buildProgram(), ...options.overrides },
  );
  const ctx = new TestExecutionContext();
  const sender = new WechatSender(ACCOUNT);

  /** POST a request as WeChat would; answers the status and the body text. */
  const post = async (request: { query: URLSearchParams; body: string }) => {
    const res = await app.request(
      `/wechat?${request.query.toString()}`,
      { method: 'POST', headers: { 'Content-Type': 'text/xml' }, body: request.body },
      {},
      ctx,
    );
    return { status: res.status, text: await res.text() };
  };

  /** Deliver one message and read the passive reply's Content ('success' for none). */
  const say = async (xml: string, mode: 'raw' | 'safe' | 'compatible' = 'raw') => {
    const res = await post(sender.request(xml, mode));
    if (res.status !== 200) throw new Error(`status ${res.status}: ${res.text}`);
    const read = sender.read(res.text);
    return read.success ? 'success' : (read.fields.Content ?? '');
  };

  return { app, store, log, ctx, sender, post, say };
}
