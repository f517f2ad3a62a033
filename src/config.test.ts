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
    expect(config.broadcast).toEqual({
      chunkSize: 20,
      perSecond: 25,
      transientRetries: 5,
      transientDelaysSeconds: [30, 120, 300, 600, 900],
    });
    expect(config.perMinute).toBe(30);
  });

  it('reads the rate limit and the broadcast retry schedule', () => {
    const config = parseConfig({
      RATE_LIMIT_PER_MINUTE: '0',
      BROADCAST_TRANSIENT_RETRIES: '2',
      BROADCAST_TRANSIENT_DELAYS_SECONDS: '10, 60',
    });
    expect(config.perMinute).toBe(0);
    expect(config.broadcast).toMatchObject({
      transientRetries: 2,
      transientDelaysSeconds: [10, 60],
    });
    expect(() => parseConfig({ RATE_LIMIT_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_PER_MINUTE/);
    expect(() => parseConfig({ BROADCAST_TRANSIENT_DELAYS_SECONDS: '1m' })).toThrow(
      /BROADCAST_TRANSIENT_DELAYS_SECONDS/,
    );
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

describe('WECHAT_MESSAGE_MODE', () => {
  const wechat = { WECHAT_TOKEN: 'villagetoken', WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's' };
  const key = { WECHAT_ENCODING_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

  it('is safe when an EncodingAESKey is set and plaintext when not', () => {
    expect(parseConfig({ ...wechat, ...key }).wechat?.messageMode).toBe('safe');
    expect(parseConfig(wechat).wechat?.messageMode).toBe('plaintext');
  });

  it('takes compatible or plaintext explicitly', () => {
    const mode = (m: string) =>
      parseConfig({ ...wechat, ...key, WECHAT_MESSAGE_MODE: m }).wechat?.messageMode;
    expect(mode('compatible')).toBe('compatible');
    expect(mode('plaintext')).toBe('plaintext');
    expect(mode('safe')).toBe('safe');
  });

  it('refuses safe or compatible without the key, and unknown modes', () => {
    for (const m of ['safe', 'compatible'])
      expect(() => parseConfig({ ...wechat, WECHAT_MESSAGE_MODE: m })).toThrow(
        /WECHAT_ENCODING_AES_KEY/,
      );
    expect(() => parseConfig({ ...wechat, ...key, WECHAT_MESSAGE_MODE: 'aes' })).toThrow(
      /WECHAT_MESSAGE_MODE/,
    );
  });
});
