import { describe, expect, it } from 'vitest';
import { WechatCipher, wechatSignature } from './crypto';
import { checkSignature, openMessage, sealReply } from './verify';
import { parseWechatXml } from './xml';

const token = 'tok123';
const key = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const cipher = new WechatCipher(key, 'wxapp');
const now = 1_700_000_000_000;
const signed = (timestamp = '1700000000', nonce = 'n1') => ({
  signature: wechatSignature(token, timestamp, nonce),
  timestamp,
  nonce,
});

describe('checkSignature', () => {
  it('accepts a good signature and a fresh timestamp', () => {
    expect(checkSignature(signed(), token, now)).toEqual({
      ok: true,
      timestamp: '1700000000',
      nonce: 'n1',
    });
  });
  it('refuses missing, wrong and stale signatures', () => {
    expect(checkSignature({}, token, now)).toMatchObject({
      status: 401,
      error: 'missing_signature',
    });
    expect(checkSignature({ ...signed(), nonce: 'n2' }, token, now)).toMatchObject({
      error: 'bad_signature',
    });
    expect(checkSignature(signed('1699999000'), token, now)).toMatchObject({
      error: 'stale_timestamp',
    });
    expect(checkSignature(signed('1700000301'), token, now)).toMatchObject({
      error: 'stale_timestamp',
    });
  });
});

describe('openMessage and sealReply', () => {
  const inner = '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>';
  const encrypted = (xml: string, c = cipher) => {
    const encrypt = c.encrypt(xml);
    return {
      body: `<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
      query: {
        ...signed(),
        encrypt_type: 'aes',
        msg_signature: wechatSignature(token, '1700000000', 'n1', encrypt),
      },
    };
  };

  it('reads plaintext and decrypts safe mode', () => {
    expect(openMessage(inner, signed(), token, cipher)).toMatchObject({
      ok: true,
      encrypted: false,
      fields: { Content: '你好' },
    });
    const { body, query } = encrypted(inner);
    expect(openMessage(body, query, token, cipher)).toMatchObject({
      ok: true,
      encrypted: true,
      fields: { Content: '你好' },
    });
  });
  it('refuses a bad msg_signature, another AppID, no key, and encrypted junk', () => {
    const { body, query } = encrypted(inner);
    expect(openMessage(body, { ...query, msg_signature: 'x' }, token, cipher)).toMatchObject({
      status: 401,
    });
    const foreign = encrypted(inner, new WechatCipher(key, 'wxother'));
    expect(openMessage(foreign.body, foreign.query, token, cipher)).toMatchObject({
      status: 403,
      error: 'wrong_app_id',
    });
    expect(openMessage(body, query, token, undefined)).toMatchObject({
      status: 400,
      error: 'encryption_not_configured',
    });
    const junk = encrypted('<!DOCTYPE x [<!ENTITY a "b">]><xml/>');
    expect(openMessage(junk.body, junk.query, token, cipher)).toMatchObject({ error: 'xml_dtd' });
    expect(openMessage(body, { ...query, encrypt_type: 'rot13' }, token, cipher)).toMatchObject({
      status: 400,
    });
  });
  it('seals a reply WeChat can verify and decrypt', () => {
    const sealed = parseWechatXml(sealReply(inner, token, cipher, '1700000000', 'n9'));
    if (!sealed.ok) throw new Error('not xml');
    const { Encrypt, MsgSignature, TimeStamp, Nonce } = sealed.fields;
    expect(TimeStamp).toBe('1700000000');
    expect(Nonce).toBe('n9');
    expect(MsgSignature).toBe(wechatSignature(token, '1700000000', 'n9', Encrypt!));
    expect(cipher.decrypt(Encrypt!)).toBe(inner);
  });
});
