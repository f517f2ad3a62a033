import { describe, expect, it } from 'vitest';
import { ConfigError, parseAdminTokens, parseConfig } from './config';

describe('parseConfig', () => {
  it('runs with nothing configured: development, memory store, web chat on, no Telegram', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      env: 'development',
      store: { kind: 'memory' },
      webchat: { enabled: true },
      telegram: undefined,
      adminTokens: [],
    });
    expect(config.broadcast).toEqual({ chunkSize: 20, perSecond: 25 });
  });

  it('names the variable that is wrong', () => {
    expect(() =>
      parseConfig({ UPSTASH_REDIS_REST_URL: 'not a url', UPSTASH_REDIS_REST_TOKEN: 't' }),
    ).toThrow(/UPSTASH_REDIS_REST_URL/);
    expect(() => parseConfig({ UPSTASH_REDIS_REST_URL: 'https://x.upstash.io' })).toThrow(/both/);
    expect(() => parseConfig({ TELEGRAM_BOT_TOKEN: '1:x' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() =>
      parseConfig({
        TELEGRAM_BOT_TOKEN: '1:x',
        TELEGRAM_WEBHOOK_SECRET: 's',
        TELEGRAM_BOT_INFO: '{',
      }),
    ).toThrow(/TELEGRAM_BOT_INFO/);
    expect(() => parseConfig({ BROADCAST_CHUNK_SIZE: '500' })).toThrow(/BROADCAST_CHUNK_SIZE/);
  });
});

describe('parseAdminTokens', () => {
  it('reads role:token pairs and labels them without the secret', () => {
    const tokens = parseAdminTokens(
      'trainer:aaaaaaaaaaaaaaaa, trainer:bbbbbbbbbbbbbbbb,admin:cccccccccccccccc',
    );
    expect(tokens.map((t) => [t.role, t.label])).toEqual([
      ['trainer', 'trainer#1'],
      ['trainer', 'trainer#2'],
      ['admin', 'admin#1'],
    ]);
  });
  it.each(['owner:aaaaaaaaaaaaaaaa', 'trainer:short', 'no-colon-here-at-all'])(
    'refuses %j',
    (raw) => {
      expect(() => parseAdminTokens(raw)).toThrow(ConfigError);
    },
  );
});

describe('TRAINER_TELEGRAM_IDS', () => {
  it('reads comma-separated numeric Telegram ids (none by default)', () => {
    expect(parseConfig({}).trainerTelegramIds).toEqual([]);
    expect(parseConfig({ TRAINER_TELEGRAM_IDS: ' 4242, 123456789 ,7' }).trainerTelegramIds).toEqual(
      ['4242', '123456789', '7'],
    );
  });
  it.each(['@li', '4242;7', '42,,7', 'abc'])('refuses %j, naming the variable', (raw) => {
    expect(() => parseConfig({ TRAINER_TELEGRAM_IDS: raw })).toThrow(/TRAINER_TELEGRAM_IDS/);
  });
});
