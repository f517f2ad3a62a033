import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory';
import { StoreUnavailableError, type Store } from '../../src/store/port';
import { copy, copyPattern, re } from '../support/copy';
import { ACCOUNT, wechatHarness } from '../support/wechat-app';
import { FakeWechatApi, WechatSender, wechatApiHandlers } from '../support/wechat-api';

const api = new FakeWechatApi();
const server = setupServer(...wechatApiHandlers(api));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => api.reset({ all: true }));
afterEach(() => server.resetHandlers());

const user = (openId: string) => ({ channel: 'wechat', userId: openId });
let msgId = 24_000_000_000_000_000n;
const nextId = () => String(++msgId);
const zh = (key: string) => copy(key, 'zh-CN');
const replyOneOrTwo = copy('wechat.reply_pick', 'zh-CN', { first: 1, last: 2 });

describe('GET /wechat (server URL check)', () => {
  it('echoes echostr for a good signature only', async () => {
    const { app, sender } = wechatHarness();
    const query = sender.query();
    query.set('echostr', '5837397520865472721');
    const ok = await app.request(`/wechat?${query.toString()}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('5837397520865472721');

    const forged = sender.query({ token: 'not-the-token' });
    forged.set('echostr', 'x');
    expect((await app.request(`/wechat?${forged.toString()}`)).status).toBe(401);
    const stale = sender.query({ timestamp: Math.floor(Date.now() / 1000) - 3600 });
    stale.set('echostr', 'x');
    expect((await app.request(`/wechat?${stale.toString()}`)).status).toBe(401);
  });
});

describe('POST /wechat refuses cleanly and processes nothing', () => {
  const openId = 'oRefused';
  const nothingStored = async (store: Store) => {
    expect((await store.load(user(openId), 'x')).version).toBe(0);
    expect(await store.counters()).toEqual({});
    expect(api.calls).toEqual([]);
  };

  it('a bad signature (401), also on a well-formed encrypted body', async () => {
    const { post, sender, store } = wechatHarness();
    const request = sender.request(sender.text(openId, '你好', nextId()), 'safe');
    request.query.set('signature', '0'.repeat(40));
    expect((await post(request)).status).toBe(401);
    const unsigned = sender.request(sender.text(openId, '你好', nextId()));
    unsigned.query.delete('signature');
    expect((await post(unsigned)).status).toBe(401);
    await nothingStored(store);
  });

  it('a stale timestamp (401)', async () => {
    const { post, sender, store } = wechatHarness();
    const old = sender.query({ timestamp: Math.floor(Date.now() / 1000) - 600 });
    const res = await post({ query: old, body: sender.text(openId, '你好', nextId()) });
    expect(res.status).toBe(401);
    expect(res.text).toContain('stale_timestamp');
    await nothingStored(store);
  });

  it('a bad msg_signature (401) and a payload for another AppID (403)', async () => {
    const { post, sender, store } = wechatHarness();
    const request = sender.request(sender.text(openId, '你好', nextId()), 'safe');
    request.query.set('msg_signature', '1'.repeat(40));
    expect((await post(request)).status).toBe(401);
    const foreign = new WechatSender({ ...ACCOUNT, appId: 'wx0000000000000000' });
    const res = await post(foreign.request(foreign.text(openId, '你好', nextId()), 'safe'));
    expect(res).toEqual({ status: 403, text: '{"error":"wrong_app_id"}' });
    await nothingStored(store);
  });

  it('XML bombs, external entities, truncated and foreign bodies (400)', async () => {
    const { post, sender, store } = wechatHarness();
    const bodies = [
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]><xml><ToUserName>gh</ToUserName><FromUserName>${openId}</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol2;</Content><MsgId>1</MsgId></xml>`,
      `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><FromUserName>${openId}</FromUserName><Content>&xxe;</Content></xml>`,
      sender.text(openId, '你好', nextId()).slice(0, 90),
      '{"MsgType":"text"}',
      '',
    ];
    for (const body of bodies) {
      const res = await post({ query: sender.query(), body });
      expect(res.status, body.slice(0, 60)).toBe(400);
      expect(res.text).not.toContain('lol');
    }
    // The same bomb inside a correctly signed safe-mode envelope.
    const sealed = await post(sender.request(bodies[0]!, 'safe'));
    expect(sealed).toEqual({ status: 400, text: '{"error":"xml_dtd"}' });
    await nothingStored(store);
  });

  it('a 1 MB body (413) before reading it', async () => {
    const { post, sender, store } = wechatHarness();
    const big = sender.text(openId, '大'.repeat(350_000), nextId());
    const res = await post({ query: sender.query(), body: big });
    expect(res.status).toBe(413);
    await nothingStored(store);
  });

  it('encrypted messages when no EncodingAESKey is configured (400)', async () => {
    const { post, sender, store } = wechatHarness({
      env: { WECHAT_ENCODING_AES_KEY: '', WECHAT_MESSAGE_MODE: '' },
    });
    const res = await post(sender.request(sender.text(openId, '你好', nextId()), 'safe'));
    expect(res).toEqual({ status: 400, text: '{"error":"encryption_not_configured"}' });
    await nothingStored(store);
  });

  it('a store outage is a 503 without a stack, so WeChat retries', async () => {
    const broken: Store = {
      ...createMemoryStore(),
      load: async () => {
        throw new StoreUnavailableError('down');
      },
    };
    const { post, sender } = wechatHarness({ store: broken });
    const res = await post(sender.request(sender.text(openId, '你好', nextId())));
    expect(res).toEqual({ status: 503, text: '{"error":"store_unavailable"}' });
  });
});

describe('message modes (WECHAT_MESSAGE_MODE)', () => {
  const openId = 'oModes';
  const text = () => new WechatSender(ACCOUNT).text(openId, '你好', nextId());

  it('safe mode (the default with an EncodingAESKey) refuses plaintext with 403', async () => {
    for (const env of [{ WECHAT_MESSAGE_MODE: '' }, { WECHAT_MESSAGE_MODE: 'safe' }]) {
      const { post, sender, store, log } = wechatHarness({ env });
      const res = await post(sender.request(text(), 'raw'));
      expect(res).toEqual({ status: 403, text: '{"error":"plaintext_refused"}' });
      expect((await store.load(user(openId), 'x')).version).toBe(0);
      expect(log.lines.some((l) => l.event === 'wechat_refused')).toBe(true);
      // Encrypted messages (safe and compatible wire formats) are still welcome.
      expect((await post(sender.request(text(), 'safe'))).status).toBe(200);
      expect((await post(sender.request(text(), 'compatible'))).status).toBe(200);
    }
  });

  it('compatible mode accepts plaintext and encrypted messages', async () => {
    const { post, sender } = wechatHarness({ env: { WECHAT_MESSAGE_MODE: 'compatible' } });
    for (const mode of ['raw', 'safe', 'compatible'] as const)
      expect((await post(sender.request(text(), mode))).status, mode).toBe(200);
  });

  it('plaintext mode accepts plaintext only', async () => {
    const { post, sender } = wechatHarness({ env: { WECHAT_MESSAGE_MODE: 'plaintext' } });
    expect((await post(sender.request(text(), 'raw'))).status).toBe(200);
    expect((await post(sender.request(text(), 'safe'))).status).toBe(400);
  });
});

describe('onboarding in Chinese over WeChat XML', () => {
  const transcript = async (mode: 'raw' | 'safe' | 'compatible', openId: string) => {
    const { say, sender, store, ctx } = wechatHarness();
    expect(await say(sender.event(openId, 'subscribe', '', 1_700_000_001), mode)).toBe(
      `${zh('onboarding.welcome')}\n\n` +
        `${zh('onboarding.ask_language')}\n1. 中文\n2. English\n${replyOneOrTwo}`,
    );
    const category = await say(sender.text(openId, '1', nextId()), mode);
    expect(category).toMatch(re`^${zh('onboarding.ask_category')}\n1\. 农产品与食品\n2\. 家具\n`);
    expect(category).toMatch(re`\n${copyPattern('wechat.reply_range', 'zh-CN', { max: /\d+/ })}$`);
    expect(await say(sender.text(openId, '家具', nextId()), mode)).toMatch(
      re`^${zh('onboarding.ask_province')}\n1\. .+\n`,
    );
    expect(await say(sender.text(openId, '浙江省', nextId()), mode)).toMatch(
      re`^${zh('onboarding.ask_stage')}\n1\. ${zh('onboarding.stage.not_selling')}\n`,
    );
    expect(await say(sender.text(openId, '2', nextId()), mode)).toMatch(
      re`^${zh('onboarding.ask_consent')}\n1\. ${zh('common.yes')}\n2\. ${zh('common.no')}\n${replyOneOrTwo}$`,
    );
    const done = await say(sender.text(openId, '是', nextId()), mode);
    expect(done).toMatch(re`^${zh('onboarding.done')}\n\n${zh('menu.prompt')}\n1\. `);
    expect(done).toContain(zh('menu.profile'));
    const profile = (await store.load(user(openId), 'x')).profile;
    expect(profile).toMatchObject({
      locale: 'zh-CN',
      category: 'furniture',
      province: 'zhejiang',
      consent: true,
      onboarded: true,
    });
    await ctx.settle();
    expect(api.calls).toEqual([]); // everything fitted in passive replies
  };

  it('in plaintext mode', () => transcript('raw', 'oPlain'));
  it('in safe mode (encrypted both ways, the reply envelope verified)', () =>
    transcript('safe', 'oSafe'));
  it('in compatible mode', () => transcript('compatible', 'oCompat'));
});

describe('other inbound kinds', () => {
  it('asks politely to type for images and unrecognised voice, in the person’s language', async () => {
    const { say, sender } = wechatHarness();
    const image = sender.message(
      'oMedia',
      { MsgType: 'image', PicUrl: 'https://x', MediaId: 'm' },
      nextId(),
    );
    expect(await say(image)).toBe(zh('wechat.unsupported'));
    const voice = sender.message(
      'oMedia',
      { MsgType: 'voice', MediaId: 'm', Format: 'amr' },
      nextId(),
    );
    expect(await say(voice)).toBe(zh('wechat.voice_unrecognised'));
    await say(sender.text('oMedia', '/lang', nextId()));
    await say(sender.text('oMedia', 'English', nextId()));
    expect(await say(image.replace(/<MsgId>\d+/, `<MsgId>${nextId()}`))).toBe(
      copy('wechat.unsupported', 'en'),
    );
  });

  it('treats recognised voice as typed text', async () => {
    const { say, sender } = wechatHarness();
    await say(sender.event('oVoice', 'subscribe'));
    const voice = sender.message(
      'oVoice',
      { MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '中文。' },
      nextId(),
    );
    expect(await say(voice)).toMatch(
      re`^${copy('ask.voice_heard', 'zh-CN', { text: '中文' })}\n\n${zh('onboarding.ask_category')}`,
    );
  });

  it('opens a flow from a menu click and marks unsubscribers inactive until they return', async () => {
    const { say, sender, store } = wechatHarness();
    expect(await say(sender.event('oMenu', 'CLICK', 'cmd:help', 1_700_000_100))).toContain('/menu');
    expect(await say(sender.event('oMenu', 'unsubscribe', '', 1_700_000_200))).toBe('success');
    expect((await store.load(user('oMenu'), 'x')).profile).toMatchObject({ active: false });
    await say(sender.event('oMenu', 'subscribe', '', 1_700_000_300));
    expect((await store.load(user('oMenu'), 'x')).profile).toMatchObject({ active: true });
  });

  it('answers success to events that need no reply', async () => {
    const { say, sender, store } = wechatHarness();
    expect(await say(sender.event('oView', 'VIEW', 'https://example.org'))).toBe('success');
    expect(await say(sender.event('oView', 'TEMPLATESENDJOBFINISH'))).toBe('success');
    expect((await store.load(user('oView'), 'x')).version).toBe(0);
  });
});
