import { Buffer } from 'node:buffer';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/**
 * WeChat's message crypto: SHA-1 signatures and "safe mode" AES-256-CBC. Safe mode pads to
 * 32-byte blocks (PKCS#7 with a block size of 32), which Web Crypto's AES-CBC refuses to
 * unpad, so `node:crypto` (nodejs_compat) decrypts with auto-padding off and we unpad here.
 */

/** Safe mode's padding block: 32 bytes, not AES's 16. */
export const PAD_BLOCK = 32;

/** Why an encrypted message was refused. */
export type CryptoFailure = 'bad_base64' | 'bad_length' | 'bad_padding' | 'wrong_app_id';

/** An encrypted message WeChat did not (or could not) have produced for us. */
export class WechatCryptoError extends Error {
  override readonly name = 'WechatCryptoError';
  constructor(readonly reason: CryptoFailure) {
    super(`wechat decrypt failed: ${reason}`);
  }
}

/**
 * WeChat's signature: SHA-1 (hex) of the parts sorted and joined. `signature` signs token,
 * timestamp and nonce; `msg_signature` adds the `Encrypt` text.
 *
 * @example wechatSignature('token', '1409304348', 'xxxxxx')
 */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''), 'utf8')
    .digest('hex');
}

/** Compare a given signature with the expected one in time independent of the content. */
export function sameSignature(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given.toLowerCase(), 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** PKCS#7 padding to a multiple of 32 bytes: always 1 to 32 bytes of the pad length. */
export function pad32(data: Uint8Array): Buffer {
  const pad = PAD_BLOCK - (data.length % PAD_BLOCK);
  return Buffer.concat([data, Buffer.alloc(pad, pad)]);
}

/** Remove {@link pad32} padding, refusing anything that is not exactly such padding. */
export function unpad32(data: Buffer): Buffer {
  const pad = data.at(-1) ?? 0;
  if (pad < 1 || pad > PAD_BLOCK || pad > data.length) throw new WechatCryptoError('bad_padding');
  for (let i = data.length - pad; i < data.length; i++) {
    if (data[i] !== pad) throw new WechatCryptoError('bad_padding');
  }
  return data.subarray(0, data.length - pad);
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Safe-mode encryption for one account: the key is the EncodingAESKey (43 characters of
 * base64 without its `=`), the IV its first 16 bytes. The plaintext is
 * `random(16) + length(4, big-endian) + message + appId`.
 */
export class WechatCipher {
  private readonly key: Buffer;
  private readonly iv: Buffer;

  constructor(
    encodingAesKey: string,
    private readonly appId: string,
  ) {
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (encodingAesKey.length !== 43 || this.key.length !== 32) {
      throw new RangeError('the EncodingAESKey must be 43 characters of base64 (32 bytes)');
    }
    this.iv = this.key.subarray(0, 16);
  }

  /** Encrypt a message (a reply's XML) to base64; `random` is fixed only in tests. */
  encrypt(message: string, random: Uint8Array = randomBytes(16)): string {
    if (random.length !== 16) throw new RangeError('the random prefix is 16 bytes');
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const plain = pad32(Buffer.concat([random, length, body, Buffer.from(this.appId, 'utf8')]));
    const cipher = createCipheriv('aes-256-cbc', this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /** Decrypt an `Encrypt` value and check it was meant for this AppID. */
  decrypt(encrypted: string): string {
    if (!BASE64.test(encrypted)) throw new WechatCryptoError('bad_base64');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % PAD_BLOCK !== 0)
      throw new WechatCryptoError('bad_length');
    const decipher = createDecipheriv('aes-256-cbc', this.key, this.iv);
    decipher.setAutoPadding(false);
    const plain = unpad32(Buffer.concat([decipher.update(data), decipher.final()]));
    if (plain.length < 20) throw new WechatCryptoError('bad_length');
    const length = plain.readUInt32BE(16);
    if (length > plain.length - 20) throw new WechatCryptoError('bad_length');
    const appId = plain.subarray(20 + length).toString('utf8');
    if (appId !== this.appId) throw new WechatCryptoError('wrong_app_id');
    return plain.subarray(20, 20 + length).toString('utf8');
  }
}
