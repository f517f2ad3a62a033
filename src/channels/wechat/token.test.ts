import { describe, expect, it } from 'vitest';
import { FakeWechatApi, fakeFetch } from '../../../test/support/wechat-api';
import type { WechatConfig } from '../../config';
import { memoryLogger } from '../../shell/logger';
import { createMemoryStore } from '../../store/memory';
import { AccessTokens, WechatApiError } from './token';

const config: WechatConfig = {
  token: 't',
  appId: 'wxapp',
  appSecret: 's',
  encodingAesKey: undefined,
  messageMode: 'plaintext',
  apiRoot: 'https://api.example',
  replyBudgetMs: 4000,
};

function setup(now = () => 1_700_000_000_000) {
  const api = new FakeWechatApi();
  const store = createMemoryStore({ now });
  let ids = 0;
  const isolate = () =>
    new AccessTokens(config, {
      store,
      fetch: fakeFetch(api),
      now,
      newId: () => `id${++ids}`,
      log: memoryLogger(),
    });
  return { api, store, isolate };
}

describe('AccessTokens', () => {
  it('fetches a stable token once and shares it through the store', async () => {
    const { api, store, isolate } = setup();
    const first = isolate();
    expect(await first.get()).toBe('ACCESS_TOKEN_1');
    expect(await first.get()).toBe('ACCESS_TOKEN_1');
    expect(await isolate().get()).toBe('ACCESS_TOKEN_1');
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(1);
    expect(api.of('/cgi-bin/stable_token')[0]?.body).toEqual({
      grant_type: 'client_credential',
      appid: 'wxapp',
      secret: 's',
      force_refresh: false,
    });
    expect(await store.cacheGet('wechat:token:wxapp')).toEqual({
      token: 'ACCESS_TOKEN_1',
      expiresAt: 1_700_000_000_000 + 7200 * 1000,
    });
  });

  it('lets one of many cold isolates refresh while the others wait for it', async () => {
    const { api, isolate } = setup();
    api.tokenDelayMs = 100;
    const tokens = await Promise.all(Array.from({ length: 6 }, () => isolate().get()));
    expect(new Set(tokens)).toEqual(new Set(['ACCESS_TOKEN_1']));
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(1);
  });

  it('refreshes before expiry and replaces a token WeChat rejected', async () => {
    let now = 1_700_000_000_000;
    const { api, isolate } = setup(() => now);
    const tokens = isolate();
    expect(await tokens.get()).toBe('ACCESS_TOKEN_1');
    now += (7200 - 4 * 60) * 1000; // within five minutes of expiry
    expect(await tokens.get()).toBe('ACCESS_TOKEN_2');
    expect(await tokens.get('ACCESS_TOKEN_2')).toBe('ACCESS_TOKEN_3');
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(3);
  });

  it('throws WeChat’s error (a wrong AppSecret, say) and frees the lock', async () => {
    const { api, isolate } = setup();
    api.fail('/cgi-bin/stable_token', 40125);
    await expect(isolate().get()).rejects.toBeInstanceOf(WechatApiError);
    expect(await isolate().get()).toBe('ACCESS_TOKEN_1');
  });
});
