import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/compose';
import { translate } from '../../src/i18n';
import { createMemoryStore } from '../../src/store/memory';
import type { Store } from '../../src/store/port';
import { copy, re } from '../support/copy';
import { wechatHarness } from '../support/wechat-app';
import { FakeWechatApi, wechatApiHandlers } from '../support/wechat-api';

// The 5-second rule and exactly-once delivery: passive replies, `success` plus
// customer-service messages, and WeChat's re-deliveries of the same message.

const api = new FakeWechatApi();
const server = setupServer(...wechatApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => api.reset({ all: true }));
afterEach(() => server.resetHandlers());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WELCOME = copy('onboarding.welcome', 'zh-CN');
const LANGUAGE = `${copy('onboarding.ask_language', 'zh-CN')}\n1. 中文\n2. English\n${copy('wechat.reply_pick', 'zh-CN', { first: 1, last: 2 })}`;
const FIRST_REPLY = `${WELCOME}\n\n${LANGUAGE}`;

/** A memory store whose next commits and whose `cs` claims can be slowed down. */
function slowStore(delays: { commits?: number[]; csClaimMs?: number }): Store {
  const store = createMemoryStore();
  const commits = [...(delays.commits ?? [])];
  return {
    ...store,
    commit: async (user, write) => {
      await sleep(commits.shift() ?? 0);
      return store.commit(user, write);
    },
    claim: async (name, value, ttl) => {
      if (value === 'cs') await sleep(delays.csClaimMs ?? 0);
      return store.claim(name, value, ttl);
    },
  };
}

const user = { channel: 'wechat', userId: 'oSlow' };

describe('in time: passive replies', () => {
  it('answers a re-delivered MsgId with the same passive reply and does nothing twice', async () => {
    const { say, sender, store, ctx } = wechatHarness();
    const message = sender.text('oDup', '/start', '6172329932587288417');
    const first = await say(message);
    const again = await say(message); // WeChat retries when our first answer did not arrive
    expect(first).toBe(FIRST_REPLY);
    expect(again).toBe(first);
    await ctx.settle();
    expect((await store.counters()).turns).toBe(1);
    expect((await store.load({ channel: 'wechat', userId: 'oDup' }, 'x')).version).toBe(1);
    expect(api.calls).toEqual([]);
  });

  it('de-duplicates events on FromUserName + CreateTime', async () => {
    const { say, sender, store } = wechatHarness();
    const subscribe = sender.event('oEvent', 'subscribe', '', 1_700_000_500);
    expect(await say(subscribe)).toBe(FIRST_REPLY);
    expect(await say(subscribe)).toBe(FIRST_REPLY);
    expect((await store.counters()).turns).toBe(1);
    expect(await say(sender.event('oEvent', 'subscribe', '', 1_700_000_501))).toBe(FIRST_REPLY);
    expect((await store.counters()).turns).toBe(2);
  });

  it('sends what does not fit passively by customer service, once, even when re-delivered', async () => {
    const long = Array<string>(3).fill('乡村网店'.repeat(150)).join('\n\n'); // 3 x 1800 bytes
    const program = {
      ...buildProgram(),
      t: (locale: 'zh-CN' | 'en', key: string, params?: Record<string, string | number>) =>
        key === 'help.text' ? long : translate(locale, key, params),
    };
    const { say, sender, ctx } = wechatHarness({ overrides: { program } });
    const help = sender.text('oLong', '/help', '1001');
    const passive = await say(help);
    expect(passive).toBe('乡村网店'.repeat(150));
    await ctx.settle();
    const sent = api.customerServiceTexts();
    expect(sent).toHaveLength(3);
    expect(sent.at(-1)).toMatch(re`^${copy('menu.prompt', 'zh-CN')}`);
    expect(api.of('/cgi-bin/message/custom/send')[0]?.body.touser).toBe('oLong');

    expect(await say(help)).toBe(passive);
    await ctx.settle();
    expect(api.customerServiceTexts()).toHaveLength(3);
  });
});

describe('out of time: success, then customer service', () => {
  const slowEnv = { WECHAT_REPLY_BUDGET_MS: '100' };

  it('answers success at the budget and delivers the reply by customer service', async () => {
    const store = slowStore({ commits: [400] });
    const { say, sender, ctx } = wechatHarness({ env: slowEnv, store });
    const started = Date.now();
    expect(await say(sender.text('oSlow', '/start', '2001'))).toBe('success');
    expect(Date.now() - started).toBeLessThan(350);
    expect((await store.load(user, 'x')).version).toBe(0); // answered before the turn ended
    await ctx.settle();
    expect(api.customerServiceTexts()).toEqual([FIRST_REPLY]);
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(1);
    expect((await store.counters()).turns).toBe(1);
  });

  it('a re-delivery while the slow turn runs, and after it, sends nothing more', async () => {
    const store = slowStore({ commits: [400, 400] });
    const { say, sender, ctx } = wechatHarness({ env: slowEnv, store });
    const message = sender.text('oSlow', '/start', '2002');
    expect(await say(message)).toBe('success');
    // WeChat's retry arrives while the first turn is still running, on the same slow store.
    expect(await say(message)).toBe('success');
    await ctx.settle();
    expect(await say(message)).toBe('success');
    await ctx.settle();
    expect(api.customerServiceTexts()).toEqual([FIRST_REPLY]);
    expect((await store.counters()).turns).toBe(1);
  });

  it('a retry that gets in first answers passively, and the slow handler then sends nothing', async () => {
    // The slow handler's `cs` claim reaches the store only after the retry claimed `passive`.
    const store = slowStore({ commits: [200], csClaimMs: 300 });
    const { say, sender, ctx } = wechatHarness({ env: slowEnv, store });
    const message = sender.text('oSlow', '/start', '2003');
    expect(await say(message)).toBe('success');
    await sleep(200); // the first turn has committed; its claim is still on its way
    expect(await say(message)).toBe(FIRST_REPLY);
    await ctx.settle();
    expect(api.customerServiceTexts()).toEqual([]);
  });

  it('counts a person outside the 48-hour window and does not retry', async () => {
    const store = slowStore({ commits: [300] });
    const { say, sender, ctx, log } = wechatHarness({ env: slowEnv, store });
    api.fail('/cgi-bin/message/custom/send', 45015);
    expect(await say(sender.text('oSlow', '/start', '2004'))).toBe('success');
    await ctx.settle();
    expect(api.of('/cgi-bin/message/custom/send')).toHaveLength(1);
    expect((await store.counters())['wechat:outside_window']).toBe(1);
    expect(log.lines.some((l) => l.event === 'wechat_outside_window')).toBe(true);
  });

  it('with a budget of 0 always uses customer service, with one cached token', async () => {
    const { say, sender, ctx, store } = wechatHarness({ env: { WECHAT_REPLY_BUDGET_MS: '0' } });
    expect(await say(sender.event('oZero', 'subscribe'))).toBe('success');
    await ctx.settle();
    expect(await say(sender.text('oZero', '1', '3001'))).toBe('success');
    await ctx.settle();
    expect(api.customerServiceTexts()).toEqual([
      FIRST_REPLY,
      expect.stringMatching(re`^${copy('onboarding.ask_category', 'zh-CN')}`) as unknown as string,
    ]);
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(1);
    expect(await store.cacheGet(`wechat:token:wxb11529c136998cb6`)).toMatchObject({
      token: 'ACCESS_TOKEN_1',
    });
  });
});
