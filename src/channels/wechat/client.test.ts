import { describe, expect, it } from 'vitest';
import { FakeWechatApi, fakeFetch } from '../../../test/support/wechat-api';
import type { WechatConfig } from '../../config';
import { memoryLogger } from '../../shell/logger';
import { createMemoryStore } from '../../store/memory';
import { WechatClient } from './client';
import { AccessTokens } from './token';

const config: WechatConfig = {
  token: 't',
  appId: 'wxapp',
  appSecret: 's',
  encodingAesKey: undefined,
  messageMode: 'plaintext',
  apiRoot: 'https://api.example',
  replyBudgetMs: 4000,
};

function setup() {
  const api = new FakeWechatApi();
  const fetch = fakeFetch(api);
  const tokens = new AccessTokens(config, {
    store: createMemoryStore(),
    fetch,
    now: () => 1_700_000_000_000,
    newId: () => 'id',
    log: memoryLogger(),
  });
  return { api, client: new WechatClient(config, { tokens, fetch, retryPauseMs: 1 }) };
}

describe('WechatClient.sendText', () => {
  it('sends a customer-service text with the access token', async () => {
    const { api, client } = setup();
    expect(await client.sendText('oUser', '你好')).toEqual({ kind: 'sent' });
    expect(api.of('/cgi-bin/message/custom/send')).toEqual([
      {
        path: '/cgi-bin/message/custom/send',
        accessToken: 'ACCESS_TOKEN_1',
        body: { touser: 'oUser', msgtype: 'text', text: { content: '你好' } },
      },
    ]);
  });
  it('records 45015 as outside the 48-hour window and does not retry it', async () => {
    const { api, client } = setup();
    api.fail('/cgi-bin/message/custom/send', 45015);
    expect(await client.sendText('oUser', 'x')).toEqual({ kind: 'outside_window' });
    expect(api.of('/cgi-bin/message/custom/send')).toHaveLength(1);
  });
  it('refreshes a rejected token and retries once', async () => {
    const { api, client } = setup();
    await client.sendText('oUser', 'a');
    api.revokeTokens();
    expect(await client.sendText('oUser', 'b')).toEqual({ kind: 'sent' });
    expect(api.of('/cgi-bin/stable_token')).toHaveLength(2);
    expect(api.of('/cgi-bin/message/custom/send').map((c) => c.accessToken)).toEqual([
      'ACCESS_TOKEN_1',
      'ACCESS_TOKEN_1',
      'ACCESS_TOKEN_2',
    ]);
  });
  it('retries a busy WeChat once, then reports the failure', async () => {
    const { api, client } = setup();
    api.fail('/cgi-bin/message/custom/send', -1);
    expect(await client.sendText('oUser', 'a')).toEqual({ kind: 'sent' });
    api.fail('/cgi-bin/message/custom/send', -1, 2);
    expect(await client.sendText('oUser', 'b')).toMatchObject({ kind: 'failed', errcode: -1 });
    api.fail('/cgi-bin/message/custom/send', 43004);
    expect(await client.sendText('oUser', 'c')).toEqual({ kind: 'blocked' });
  });
  it('sends parts in order and stops at the first that does not go out', async () => {
    const { api, client } = setup();
    await client.sendText('oUser', 'warm-up');
    api.reset();
    api.fail('/cgi-bin/message/custom/send', 0);
    api.fail('/cgi-bin/message/custom/send', 45015);
    expect(await client.sendTexts('oUser', ['1', '2', '3'])).toEqual({
      sent: 1,
      failure: { kind: 'outside_window' },
    });
  });
});
