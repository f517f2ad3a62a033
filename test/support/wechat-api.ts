import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';
import { WechatCipher, wechatSignature } from '../../src/channels/wechat/crypto';
import type { Fetch } from '../../src/channels/wechat/token';
import { buildWechatXml, parseWechatXml } from '../../src/channels/wechat/xml';

/** One call to the WeChat API. */
export interface WechatApiCall {
  path: string;
  accessToken: string | null;
  body: Record<string, unknown>;
}

/**
 * A stand-in for WeChat's API server: issues stable access tokens, accepts
 * customer-service messages and menus, records every call, and fails on request.
 */
export class FakeWechatApi {
  readonly calls: WechatApiCall[] = [];
  private readonly scripted = new Map<string, number[]>();
  private issued = new Set<string>();
  private nextToken = 1;
  /** Milliseconds to wait before answering stable_token (to make callers overlap). */
  tokenDelayMs = 0;
  /** Media `GET /cgi-bin/media/get` serves, by media id (voice messages' audio). */
  readonly media = new Map<string, Uint8Array>();

  /** Answer a media download: the bytes, or WeChat's JSON error. */
  download(accessToken: string | null, mediaId: string | null): Response {
    this.calls.push({ path: '/cgi-bin/media/get', accessToken, body: { media_id: mediaId } });
    const forced = this.scripted.get('/cgi-bin/media/get')?.shift();
    const error = (errcode: number, errmsg: string) =>
      // WeChat sends its errors as text/plain JSON.
      new Response(JSON.stringify({ errcode, errmsg }), {
        headers: { 'Content-Type': 'text/plain' },
      });
    if (forced !== undefined) return error(forced, `scripted ${forced}`);
    if (!accessToken || !this.issued.has(accessToken)) return error(40001, 'invalid credential');
    const bytes = mediaId ? this.media.get(mediaId) : undefined;
    if (!bytes) return error(40007, 'invalid media_id');
    const length = String(bytes.byteLength);
    return new Response(bytes, {
      headers: { 'Content-Type': 'audio/amr', 'Content-Length': length },
    });
  }

  /** Make the next `times` calls to `path` answer with this errcode. */
  fail(path: string, errcode: number, times = 1): void {
    this.scripted.set(path, [...(this.scripted.get(path) ?? []), ...Array(times).fill(errcode)]);
  }

  /** Invalidate every token issued so far (as an AppSecret reset would). */
  revokeTokens(): void {
    this.issued = new Set();
  }

  /** Answer one call. */
  async respond(path: string, accessToken: string | null, body: Record<string, unknown>) {
    this.calls.push({ path, accessToken, body });
    const forced = this.scripted.get(path)?.shift();
    if (forced !== undefined) return { errcode: forced, errmsg: `scripted ${forced}` };
    if (path === '/cgi-bin/stable_token') {
      if (this.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, this.tokenDelayMs));
      const token = `ACCESS_TOKEN_${this.nextToken++}`;
      this.issued.add(token);
      return { access_token: token, expires_in: 7200 };
    }
    if (!accessToken || !this.issued.has(accessToken)) {
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid' };
    }
    return { errcode: 0, errmsg: 'ok' };
  }

  /** Calls to one path. */
  of(path: string): WechatApiCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  /** The texts sent by customer service, in order. */
  customerServiceTexts(): string[] {
    return this.of('/cgi-bin/message/custom/send').map(
      (c) => (c.body.text as { content: string }).content,
    );
  }

  /** Forget recorded calls (and, with `all`, tokens and scripted failures). */
  reset(options: { all?: boolean } = {}): void {
    this.calls.length = 0;
    if (options.all) {
      this.scripted.clear();
      this.revokeTokens();
      this.nextToken = 1;
      this.tokenDelayMs = 0;
      this.media.clear();
    }
  }
}

/** A fetch answering from the fake without the network (unit tests). */
export function fakeFetch(api: FakeWechatApi): Fetch {
  return async (input, init) => {
    const url = new URL(input);
    const body = JSON.parse(String(init?.body ?? '{}')) as Record<string, unknown>;
    const answer = await api.respond(url.pathname, url.searchParams.get('access_token'), body);
    return Response.json(answer);
  };
}

/** msw handlers routing the WeChat API to the fake. */
export function wechatApiHandlers(api: FakeWechatApi, root = 'https://api.weixin.qq.com') {
  return [
    http.get(`${root}/cgi-bin/media/get`, ({ request }) => {
      const url = new URL(request.url);
      return api.download(url.searchParams.get('access_token'), url.searchParams.get('media_id'));
    }),
    http.post(`${root}/cgi-bin/*`, async ({ request }) => {
      const url = new URL(request.url);
      const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
      return HttpResponse.json(
        await api.respond(url.pathname, url.searchParams.get('access_token'), body),
      );
    }),
  ];
}

/** The fake served over HTTP on loopback, for the Worker in workerd and the scripts. */
export async function startWechatApiServer(
  api: FakeWechatApi,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof body;
      } catch {
        body = {};
      }
      void api.respond(url.pathname, url.searchParams.get('access_token'), body).then((answer) => {
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The account settings a test talks to the Worker with. */
export interface AccountSettings {
  token: string;
  appId: string;
  encodingAesKey?: string;
  /** The account's original id, the `ToUserName` of every message. */
  original?: string;
}

/** A WeChat server in miniature: signs, encrypts and reads messages like WeChat does. */
export class WechatSender {
  private readonly cipher: WechatCipher | undefined;
  private nonce = 1000;

  constructor(
    readonly account: AccountSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.cipher = account.encodingAesKey
      ? new WechatCipher(account.encodingAesKey, account.appId)
      : undefined;
  }

  /** A signed query string; with `encrypt`, also `encrypt_type=aes` and `msg_signature`. */
  query(options: { timestamp?: number; encrypt?: string; token?: string } = {}): URLSearchParams {
    const timestamp = String(options.timestamp ?? Math.floor(this.now() / 1000));
    const nonce = String(this.nonce++);
    const token = options.token ?? this.account.token;
    const q = new URLSearchParams({
      signature: wechatSignature(token, timestamp, nonce),
      timestamp,
      nonce,
      openid: 'ignored',
    });
    if (options.encrypt !== undefined) {
      q.set('encrypt_type', 'aes');
      q.set('msg_signature', wechatSignature(token, timestamp, nonce, options.encrypt));
    }
    return q;
  }

  /** A message's XML (`text` by default); the 64-bit MsgId is written as WeChat does. */
  message(
    openId: string,
    fields: Record<string, string>,
    msgId: string,
    createTime = 1_700_000_000,
  ): string {
    return buildWechatXml({
      ToUserName: this.account.original ?? 'gh_test',
      FromUserName: openId,
      CreateTime: createTime,
      MsgType: 'text',
      ...fields,
    }).replace('</xml>', `<MsgId>${msgId}</MsgId></xml>`);
  }

  /** A text message's XML. */
  text(openId: string, content: string, msgId: string, createTime = 1_700_000_000): string {
    return this.message(openId, { Content: content }, msgId, createTime);
  }

  /** An event's XML. */
  event(openId: string, event: string, eventKey = '', createTime = 1_700_000_000): string {
    return buildWechatXml({
      ToUserName: this.account.original ?? 'gh_test',
      FromUserName: openId,
      CreateTime: createTime,
      MsgType: 'event',
      Event: event,
      ...(eventKey ? { EventKey: eventKey } : {}),
    });
  }

  /** A request as WeChat would send it: `raw`, `safe` (Encrypt only) or `compatible` (both). */
  request(xml: string, mode: 'raw' | 'safe' | 'compatible' = 'raw') {
    if (mode === 'raw') return { query: this.query(), body: xml };
    if (!this.cipher) throw new Error('no EncodingAESKey for safe mode');
    const encrypt = this.cipher.encrypt(xml);
    const envelope = `<xml><ToUserName><![CDATA[${this.account.original ?? 'gh_test'}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const body =
      mode === 'safe'
        ? envelope
        : xml.replace('</xml>', `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
    return { query: this.query({ encrypt }), body };
  }

  /** Read the Worker's answer: `success`, or the reply's fields (checking the envelope). */
  read(body: string): { success: true } | { success: false; fields: Record<string, string> } {
    if (body === 'success') return { success: true };
    const outer = parseWechatXml(body);
    if (!outer.ok) throw new Error(`not XML: ${body.slice(0, 200)}`);
    if (outer.fields.Encrypt === undefined) return { success: false, fields: { ...outer.fields } };
    const { Encrypt, MsgSignature, TimeStamp, Nonce } = outer.fields;
    if (!this.cipher || !Encrypt || !TimeStamp || !Nonce) throw new Error('bad envelope');
    if (wechatSignature(this.account.token, TimeStamp, Nonce, Encrypt) !== MsgSignature) {
      throw new Error('reply MsgSignature does not verify');
    }
    const inner = parseWechatXml(this.cipher.decrypt(Encrypt));
    if (!inner.ok) throw new Error('encrypted reply is not XML');
    return { success: false, fields: { ...inner.fields } };
  }
}
