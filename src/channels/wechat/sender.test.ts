import { describe, expect, it } from 'vitest';
import { FakeWechatApi, fakeFetch } from '../../../test/support/wechat-api';
import type { WechatConfig } from '../../config';
import { memoryLogger } from '../../shell/logger';
import { createMemoryStore } from '../../store/memory';
import { WechatClient } from './client';
import { wechatSender } from './sender';
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
const recipient = {
  ref: 'wechat:oFan',
  channel: 'wechat',
  userId: 'oFan',
  locale: 'zh-CN' as const,
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
  return {
    api,
    sender: wechatSender(new WechatClient(config, { tokens, fetch, retryPauseMs: 1 })),
  };
}

describe('wechatSender (broadcasts)', () => {
  it('sends plain text by customer service', async () => {
    const { api, sender } = setup();
    expect(await sender.send(recipient, '**新课** 上线：[看看](https://x.cn)')).toEqual({
      outcome: 'sent',
    });
    expect(api.customerServiceTexts()).toEqual(['新课 上线：看看 https://x.cn']);
  });
  it('writes buttons out as the commands to type (customer-service text has none)', async () => {
    const { api, sender } = setup();
    await sender.send(recipient, '**乡村网店问卷**', [
      { command: '/survey seller_baseline', label: '开始' },
      { command: '/survey seller_baseline no', label: '不参加' },
    ]);
    expect(api.customerServiceTexts()).toEqual([
      '乡村网店问卷\n\n开始 → /survey seller_baseline\n不参加 → /survey seller_baseline no',
    ]);
  });
  it('classifies 45015, 43004, busy and other errors for the consumer', async () => {
    const { api, sender } = setup();
    const send = '/cgi-bin/message/custom/send';
    api.fail(send, 45015);
    expect(await sender.send(recipient, 'x')).toEqual({ outcome: 'outsideWindow' });
    api.fail(send, 43004);
    expect(await sender.send(recipient, 'x')).toEqual({ outcome: 'blocked' });
    api.fail(send, -1, 2);
    expect(await sender.send(recipient, 'x')).toMatchObject({ outcome: 'transient' });
    api.fail(send, 45009);
    expect(await sender.send(recipient, 'x')).toMatchObject({ outcome: 'failed' });
  });
});
