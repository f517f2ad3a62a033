import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  pad32,
  sameSignature,
  unpad32,
  WechatCipher,
  WechatCryptoError,
  wechatSignature,
} from './crypto';

/*
 * Published vectors from WeChat's own message-crypto sample (cryptoDemo, Java,
 * com/qq/weixin/mp/aes/WXBizMsgCryptTest.java), the same values the community SDKs test
 * against, e.g. chanjarster/weixin-java-tools,
 * weixin-java-common/src/test/java/me/chanjar/weixin/common/util/crypto/WxCryptUtilTest.java.
 * They are test data, not credentials.
 */
const SAMPLE = {
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  randomStr: 'aaaabbbbccccdddd',
  replyMsg: '我是中文abcd123',
  afterAesEncrypt:
    'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
  replyMsg2:
    '<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>',
  afterAesEncrypt2:
    'jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb',
};

/* The same sample's testVerifyUrl: a msg_signature over an encrypted echo string. */
const VERIFY_URL = {
  token: 'QDG6eK',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  appId: 'wx5823bf96d3bd56c7',
  msgSignature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  timestamp: '1409659589',
  nonce: '263014780',
  echoStr:
    'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
};

const sample = new WechatCipher(SAMPLE.encodingAesKey, SAMPLE.appId);
const random = Buffer.from(SAMPLE.randomStr, 'utf8');

describe("WeChat's published sample vectors", () => {
  it('encrypts exactly as the sample does', () => {
    expect(sample.encrypt(SAMPLE.replyMsg, random)).toBe(SAMPLE.afterAesEncrypt);
    expect(sample.encrypt(SAMPLE.replyMsg2, random)).toBe(SAMPLE.afterAesEncrypt2);
  });
  it('decrypts the sample ciphertexts', () => {
    expect(sample.decrypt(SAMPLE.afterAesEncrypt)).toBe(SAMPLE.replyMsg);
    expect(sample.decrypt(SAMPLE.afterAesEncrypt2)).toBe(SAMPLE.replyMsg2);
  });
  it('computes the sample msg_signature and decrypts its echo for its AppID', () => {
    const v = VERIFY_URL;
    expect(wechatSignature(v.token, v.timestamp, v.nonce, v.echoStr)).toBe(v.msgSignature);
    expect(new WechatCipher(v.encodingAesKey, v.appId).decrypt(v.echoStr)).toMatch(/^\d+$/);
  });
});

describe('32-byte padding', () => {
  it('pads 1 to 32 bytes, a whole block when already aligned', () => {
    expect(pad32(Buffer.alloc(31)).subarray(31)).toEqual(Buffer.from([1]));
    expect(pad32(Buffer.alloc(32))).toEqual(
      Buffer.concat([Buffer.alloc(32), Buffer.alloc(32, 32)]),
    );
    expect(pad32(Buffer.alloc(15)).length).toBe(32);
  });
  it('refuses padding that is out of range or inconsistent', () => {
    const bad = (bytes: number[]) => () => unpad32(Buffer.from(bytes));
    expect(bad([...Array(31).fill(0), 0])).toThrow(WechatCryptoError);
    expect(bad([...Array(31).fill(0), 33])).toThrow(WechatCryptoError);
    expect(bad([...Array(30).fill(0), 1, 2])).toThrow(WechatCryptoError);
  });

  // The plaintext is 16 + 4 + message + 18 (AppID) bytes; choosing the message length picks
  // the pad, so every pad length 1..32 is exercised, including the 17-32 Web Crypto refuses.
  it.each(Array.from({ length: 32 }, (_, i) => i + 1))(
    'round-trips a message padded with %i bytes',
    (pad) => {
      const fixed = 16 + 4 + SAMPLE.appId.length;
      const length = (((-fixed - pad) % 32) + 64) % 32;
      const message = 'x'.repeat(length + 32);
      const encrypted = sample.encrypt(message);
      const raw = Buffer.from(encrypted, 'base64');
      expect(raw.length % 32).toBe(0);
      expect(raw.length - (fixed + message.length)).toBe(pad);
      expect(sample.decrypt(encrypted)).toBe(message);
    },
  );
  it('round-trips Chinese text and an empty message', () => {
    for (const message of ['', '谢谢！您的资料已保存。', '<xml>中文 & ]]></xml>'.repeat(40)]) {
      expect(sample.decrypt(sample.encrypt(message))).toBe(message);
    }
  });
});

describe('decrypt refuses', () => {
  const reason = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      return (error as WechatCryptoError).reason;
    }
    return 'accepted';
  };
  it('a message for another AppID', () => {
    const other = new WechatCipher(SAMPLE.encodingAesKey, 'wx0000000000000000');
    expect(reason(() => other.decrypt(SAMPLE.afterAesEncrypt))).toBe('wrong_app_id');
  });
  it('bad base64, a length that is not whole blocks, and a wrong key', () => {
    expect(reason(() => sample.decrypt('not base64!'))).toBe('bad_base64');
    expect(reason(() => sample.decrypt(Buffer.alloc(48).toString('base64')))).toBe('bad_length');
    const wrongKey = new WechatCipher('B'.repeat(43), SAMPLE.appId);
    expect(['bad_padding', 'bad_length', 'wrong_app_id']).toContain(
      reason(() => wrongKey.decrypt(SAMPLE.afterAesEncrypt)),
    );
  });
  it('an EncodingAESKey of the wrong size', () => {
    expect(() => new WechatCipher('abc', SAMPLE.appId)).toThrow(RangeError);
  });
});

describe('signatures', () => {
  it('sort the parts before hashing and compare case-insensitively', () => {
    expect(wechatSignature('b', 'a', 'c')).toBe(wechatSignature('a', 'b', 'c'));
    const sig = wechatSignature('token', '1', 'n');
    expect(sameSignature(sig.toUpperCase(), sig)).toBe(true);
    expect(sameSignature(undefined, sig)).toBe(false);
    expect(sameSignature(sig.slice(1), sig)).toBe(false);
  });
});
