import { sameSignature, WechatCryptoError, wechatSignature, type WechatCipher } from './crypto';
import { buildWechatXml, parseWechatXml, type XmlFields } from './xml';

/** The query string WeChat signs its calls with. */
export interface WechatQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  /** `aes` in safe and compatible mode; absent or `raw` in plaintext mode. */
  encrypt_type?: string;
  msg_signature?: string;
  openid?: string;
}

/** A refusal with the status to answer. Nothing was processed. */
export interface Refusal {
  ok: false;
  status: 400 | 401 | 403;
  error: string;
}

/** How far WeChat's timestamp may be from our clock. */
export const MAX_SKEW_SECONDS = 300;

/** Check `signature` over token, timestamp and nonce, and that the timestamp is fresh. */
export function checkSignature(
  query: WechatQuery,
  token: string,
  nowMs: number,
  maxSkewSeconds = MAX_SKEW_SECONDS,
): { ok: true; timestamp: string; nonce: string } | Refusal {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) {
    return { ok: false, status: 401, error: 'missing_signature' };
  }
  if (!sameSignature(signature, wechatSignature(token, timestamp, nonce))) {
    return { ok: false, status: 401, error: 'bad_signature' };
  }
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > maxSkewSeconds) {
    return { ok: false, status: 401, error: 'stale_timestamp' };
  }
  return { ok: true, timestamp, nonce };
}

/** A message body after verification, and how to answer it. */
export interface OpenedMessage {
  ok: true;
  fields: XmlFields;
  /** True when the request was encrypted: the reply must be too. */
  encrypted: boolean;
}

/**
 * Read a POST body whose query signature was already checked. In safe and compatible mode
 * (`encrypt_type=aes`), `msg_signature` must sign the `Encrypt` text, which must decrypt
 * for our AppID; then the decrypted XML is the message. Plaintext requests are read as
 * they are (the query signature authenticates them).
 */
export function openMessage(
  body: string,
  query: WechatQuery,
  token: string,
  cipher: WechatCipher | undefined,
): OpenedMessage | Refusal {
  const outer = parseWechatXml(body);
  if (!outer.ok) return { ok: false, status: 400, error: `xml_${outer.reason}` };
  if ((query.encrypt_type ?? 'raw') === 'raw') {
    return { ok: true, fields: outer.fields, encrypted: false };
  }
  if (query.encrypt_type !== 'aes') return { ok: false, status: 400, error: 'unknown_encryption' };
  if (!cipher) return { ok: false, status: 400, error: 'encryption_not_configured' };
  const encrypt = outer.fields.Encrypt;
  if (!encrypt) return { ok: false, status: 400, error: 'missing_encrypt' };
  const expected = wechatSignature(token, query.timestamp ?? '', query.nonce ?? '', encrypt);
  if (!sameSignature(query.msg_signature, expected)) {
    return { ok: false, status: 401, error: 'bad_msg_signature' };
  }
  let inner: string;
  try {
    inner = cipher.decrypt(encrypt);
  } catch (error) {
    if (!(error instanceof WechatCryptoError)) throw error;
    return error.reason === 'wrong_app_id'
      ? { ok: false, status: 403, error: 'wrong_app_id' }
      : { ok: false, status: 400, error: `decrypt_${error.reason}` };
  }
  const parsed = parseWechatXml(inner);
  if (!parsed.ok) return { ok: false, status: 400, error: `xml_${parsed.reason}` };
  return { ok: true, fields: parsed.fields, encrypted: true };
}

/** Wrap a reply's XML in the safe-mode envelope: Encrypt, MsgSignature, TimeStamp, Nonce. */
export function sealReply(
  xml: string,
  token: string,
  cipher: WechatCipher,
  timestamp: string,
  nonce: string,
): string {
  const encrypt = cipher.encrypt(xml);
  return buildWechatXml({
    Encrypt: encrypt,
    MsgSignature: wechatSignature(token, timestamp, nonce, encrypt),
    TimeStamp: Number(timestamp),
    Nonce: nonce,
  });
}
