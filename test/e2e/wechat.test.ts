import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copy, copyPattern, re } from '../support/copy.js';
import { FakeWechatApi, startWechatApiServer, WechatSender } from '../support/wechat-api.js';
import { startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';

// The built Worker in workerd, talking to a stand-in WeChat API on loopback: safe-mode
// crypto through node:crypto (nodejs_compat), passive replies, and the customer-service
// path after `success` (waitUntil, the token cache, the API call).

const ACCOUNT = {
  token: 'e2etoken',
  appId: 'wxe2e0000000000001',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  original: 'gh_e2e',
};
const api = new FakeWechatApi();
const sender = new WechatSender(ACCOUNT);
let wechat: Awaited<ReturnType<typeof startWechatApiServer>>;
let passive: WranglerDev;
let deferred: WranglerDev;
let msgId = 7_000_000_000_000_000_000n;
const nextId = () => String(++msgId);
const zh = (key: string) => copy(key, 'zh-CN');

beforeAll(async () => {
  wechat = await startWechatApiServer(api);
  const vars = (budget: string) => ({
    WECHAT_TOKEN: ACCOUNT.token,
    WECHAT_APP_ID: ACCOUNT.appId,
    WECHAT_APP_SECRET: 'e2e-secret',
    WECHAT_ENCODING_AES_KEY: ACCOUNT.encodingAesKey,
    WECHAT_API_ROOT: wechat.url,
    WECHAT_REPLY_BUDGET_MS: budget,
  });
  [passive, deferred] = await Promise.all([
    startWranglerDev({ vars: vars('4000') }),
    // A budget of 0: every reply goes by customer service after `success`.
    startWranglerDev({ vars: vars('0') }),
  ]);
});
afterAll(async () => {
  await passive?.stop();
  await deferred?.stop();
  await wechat?.close();
});

async function post(worker: WranglerDev, request: { query: URLSearchParams; body: string }) {
  const res = await fetch(`${worker.url}/wechat?${request.query.toString()}`, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml' },
    body: request.body,
  });
  return { status: res.status, text: await res.text() };
}

async function say(worker: WranglerDev, xml: string, mode: 'raw' | 'safe' = 'safe') {
  const res = await post(worker, sender.request(xml, mode));
  expect(res.status, res.text).toBe(200);
  const read = sender.read(res.text);
  return read.success ? 'success' : (read.fields.Content ?? '');
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WeChat in workerd', () => {
  it('passes the server URL check and refuses forgeries', async () => {
    const query = sender.query();
    query.set('echostr', '1616140317555161061');
    const ok = await fetch(`${passive.url}/wechat?${query.toString()}`);
    expect(await ok.text()).toBe('1616140317555161061');

    const forged = sender.request(sender.text('oE2E', '你好', nextId()), 'safe');
    forged.query.set('signature', 'f'.repeat(40));
    expect((await post(passive, forged)).status).toBe(401);
    const bomb = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><Content>&b;</Content></xml>`;
    expect((await post(passive, sender.request(bomb, 'safe'))).status).toBe(400);
    const big = sender.request(sender.text('oE2E', '大'.repeat(350_000), nextId()), 'raw');
    expect((await post(passive, big)).status).toBe(413);
    // Safe mode (the default with an EncodingAESKey): the Token alone cannot forge a message.
    const plaintext = sender.request(sender.text('oE2E', '你好', nextId()), 'raw');
    expect(await post(passive, plaintext)).toMatchObject({ status: 403 });
    expect(api.calls).toEqual([]);
  });

  it('onboards in Chinese in safe mode, with encrypted passive replies', async () => {
    const openId = 'oE2E';
    expect(await say(passive, sender.event(openId, 'subscribe'))).toBe(
      `${zh('onboarding.welcome')}\n\n` +
        `${zh('onboarding.ask_language')}\n1. 中文\n2. English\n` +
        copy('wechat.reply_pick', 'zh-CN', { first: 1, last: 2 }),
    );
    expect(await say(passive, sender.text(openId, '1', nextId()))).toMatch(
      re`^${zh('onboarding.ask_category')}`,
    );
    expect(await say(passive, sender.text(openId, '家具', nextId()))).toMatch(
      re`^${zh('onboarding.ask_province')}`,
    );
    expect(await say(passive, sender.text(openId, '浙江省', nextId()))).toMatch(
      re`^${zh('onboarding.ask_stage')}`,
    );
    const consent = sender.text(openId, '2', nextId());
    expect(await say(passive, consent)).toMatch(re`^${zh('onboarding.ask_consent')}`);
    // A re-delivery gets the same answer.
    expect(await say(passive, consent)).toMatch(re`^${zh('onboarding.ask_consent')}`);
    expect(await say(passive, sender.text(openId, '是', nextId()))).toMatch(
      re`^${zh('onboarding.done')}\n\n${zh('menu.prompt')}\n1\. `,
    );
    expect(api.calls).toEqual([]);
  });

  it('answers success and then delivers by customer service, once per message', async () => {
    const subscribe = sender.event('oLate', 'subscribe', '', 1_700_000_900);
    expect(await say(deferred, subscribe)).toBe('success');
    await until(() => api.customerServiceTexts().length === 1);
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(1);
    expect(api.of('/cgi-bin/message/custom/send')[0]).toMatchObject({
      accessToken: 'ACCESS_TOKEN_1',
      body: { touser: 'oLate', msgtype: 'text' },
    });
    expect(api.customerServiceTexts()[0]).toMatch(re`^${zh('onboarding.welcome')}`);

    expect(await say(deferred, subscribe)).toBe('success'); // WeChat's retry
    expect(await say(deferred, sender.text('oLate', '2', nextId()))).toBe('success');
    await until(() => api.customerServiceTexts().length === 2);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.customerServiceTexts()).toHaveLength(2);
    expect(api.customerServiceTexts()[1]).toMatch(
      re`^${copy('onboarding.ask_category', 'en')}\n1\. [\s\S]+\n${copyPattern('wechat.reply_range', 'en', { max: /\d+/ })}`,
    );
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(1);
  });
});
