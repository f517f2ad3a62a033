import type { WechatSender } from '../support/wechat-api.js';

/** One malformed request: where to POST it, with which headers and body. */
export interface CorpusRequest {
  /** What is wrong with it, for the failure message. */
  label: string;
  /** Path and query, e.g. `/wechat?signature=...`. */
  path: string;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

/** What {@link buildCorpus} needs to get past each endpoint's authentication. */
export interface CorpusOptions {
  seed: number;
  telegramSecret: string;
  adminToken: string;
  wechat: WechatSender;
  /** A survey that exists, so survey routes get past "not found". */
  surveyId: string;
  /** At least this many requests (random combinations of faults fill up). */
  minimum?: number;
}

/** A JSON token written as is: `NaN`, `"\ud800"`, numbers JSON.stringify would change. */
class Raw {
  constructor(readonly text: string) {}
}

type Value = Raw | null | boolean | number | string | Value[] | { [key: string]: Value };

/** Serialise with {@link Raw} tokens left as written. */
function toJson(value: Value | undefined): string {
  if (value instanceof Raw) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Mulberry32: small, seeded, good enough to pick faults (and the soak's people). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MB = 1024 * 1024;
const DEEP = 10_000;

/** Values that are wrong for (nearly) any field. */
function badValues(): { name: string; value: Value | undefined }[] {
  return [
    { name: 'missing', value: undefined },
    { name: 'null', value: null },
    { name: 'true', value: true },
    { name: 'zero', value: 0 },
    { name: 'negative', value: -1 },
    { name: 'negative zero', value: new Raw('-0') },
    { name: 'fraction', value: 0.5 },
    { name: 'NaN', value: new Raw('NaN') },
    { name: 'Infinity', value: new Raw('Infinity') },
    { name: '-Infinity', value: new Raw('-Infinity') },
    { name: 'overflow', value: new Raw('1e400') },
    { name: 'past 2^53', value: new Raw('9007199254740993') },
    { name: 'huge negative', value: new Raw('-1e308') },
    { name: 'empty string', value: '' },
    { name: 'blank string', value: '   ' },
    { name: 'numeric string', value: '42' },
    { name: 'lone high surrogate', value: new Raw('"\\ud800"') },
    { name: 'lone low surrogate', value: new Raw('"a\\udc00b"') },
    { name: 'reversed surrogates', value: new Raw('"\\udc00\\ud800"') },
    { name: 'NUL', value: new Raw('"a\\u0000b"') },
    { name: 'line separator', value: 'a\u2028b\u2029' },
    { name: 'bidi override', value: '\u202egnp.exe' },
    { name: 'markup', value: '<b>x</b><script>alert(1)</script>&amp;' },
    { name: 'path', value: '../../../etc/passwd' },
    { name: 'long string', value: 'x'.repeat(60_000) },
    { name: '1 MB string', value: '长'.repeat(MB / 3) },
    { name: 'array', value: [1, 'a', null] },
    { name: 'object', value: { a: 1 } },
    {
      name: 'proto',
      value: new Raw('{"__proto__":{"polluted":1},"constructor":{"prototype":{}}}'),
    },
    { name: 'nested array', value: [[[[[[[[[[[]]]]]]]]]]] },
  ];
}

/** Bodies wrong as a whole, for any JSON endpoint. */
function badBodies(valid: string): { name: string; body: string | Uint8Array; type?: string }[] {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  const bytes = (...parts: (string | number[])[]) =>
    Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));
  return [
    { name: 'empty', body: '' },
    { name: 'null', body: 'null' },
    { name: 'number', body: '42' },
    { name: 'string', body: '"hello"' },
    { name: 'array', body: '[]' },
    { name: 'array of the valid body', body: `[${valid}]` },
    { name: 'truncated', body: valid.slice(0, Math.max(1, valid.length - 3)) },
    { name: 'trailing garbage', body: `${valid}}}` },
    { name: 'two documents', body: `${valid}${valid}` },
    { name: 'NaN', body: 'NaN' },
    { name: 'deep arrays', body: '['.repeat(DEEP) + ']'.repeat(DEEP) },
    { name: 'deep objects', body: '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP) },
    { name: 'deep unbalanced', body: '['.repeat(DEEP) },
    { name: 'invalid UTF-8', body: bytes('{"text":"', [0xff, 0xfe, 0xc3, 0x28], '"}') },
    { name: 'truncated UTF-8', body: bytes('{"userId":"', [0xe4, 0xb8], '","text":"hi"}') },
    { name: 'overlong UTF-8', body: bytes('{"text":"', [0xc0, 0xaf, 0xed, 0xa0, 0x80], '"}') },
    { name: 'UTF-8 BOM', body: bytes([0xef, 0xbb, 0xbf], valid) },
    {
      name: 'UTF-16',
      body: Uint8Array.from([...valid].flatMap((ch) => [ch.charCodeAt(0) & 0xff, 0])),
    },
    { name: '1 MB body', body: `{"pad":"${'x'.repeat(MB)}"}` },
    { name: 'duplicate keys', body: valid.replace('{', '{"text":1,"userId":[],') },
    { name: 'valid JSON as text/plain', body: valid, type: 'text/plain' },
    { name: 'form encoded', body: 'a=1&b=%ZZ', type: 'application/x-www-form-urlencoded' },
    { name: 'multipart without boundary', body: '--x\r\n\r\n', type: 'multipart/form-data' },
    { name: 'XML to a JSON endpoint', body: '<xml><a>1</a></xml>', type: 'application/xml' },
    { name: 'charset lie', body: valid, type: 'application/json; charset=utf-16' },
    { name: 'no content type', body: valid, type: '' },
  ];
}

/** A deep copy that keeps {@link Raw} tokens (structuredClone would not). */
function clone(value: Value): Value {
  if (value instanceof Raw || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clone);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
}

/** Set `path` (dotted) in a copy of `base`; `undefined` removes it. */
function withField(base: Value, path: string, value: Value | undefined): Value {
  const copy = clone(base) as { [key: string]: Value };
  const keys = path.split('.');
  let at = copy;
  for (const key of keys.slice(0, -1)) {
    const next = at[key];
    if (next === null || typeof next !== 'object' || Array.isArray(next) || next instanceof Raw)
      return copy;
    at = next as { [key: string]: Value };
  }
  const last = keys.at(-1)!;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

interface JsonEndpoint {
  name: string;
  path: string;
  headers: Record<string, string>;
  /** A valid body; `n` makes ids unique per request. */
  base(n: number): Value;
  fields: string[];
}

function jsonEndpoints(o: CorpusOptions): JsonEndpoint[] {
  const admin = { Authorization: `Bearer ${o.adminToken}` };
  const telegram = { 'X-Telegram-Bot-Api-Secret-Token': o.telegramSecret };
  const person = (n: number) => ({
    id: 900_000 + n,
    is_bot: false,
    first_name: 'Fault',
    language_code: 'en',
  });
  const chat = (n: number) => ({ id: 900_000 + n, type: 'private', first_name: 'Fault' });
  const survey = `/admin/api/surveys/${o.surveyId}`;
  const audience = { audience: { all: true } };
  return [
    {
      name: 'web chat',
      path: '/webchat/api/messages',
      headers: {},
      base: (n) => ({ userId: `fault-${n}`, text: 'hello', messageId: `m-${n}`, locale: 'en' }),
      fields: ['userId', 'text', 'choiceId', 'ref', 'locale', 'messageId'],
    },
    {
      name: 'telegram message',
      path: '/telegram/webhook',
      headers: telegram,
      base: (n) => ({
        update_id: 10_000_000 + n,
        message: { message_id: n, date: 1_700_000_000, chat: chat(n), from: person(n), text: 'hi' },
      }),
      fields: [
        'update_id',
        'message',
        'message.text',
        'message.message_id',
        'message.date',
        'message.chat',
        'message.chat.id',
        'message.chat.type',
        'message.from',
        'message.from.id',
        'message.from.language_code',
        'message.from.is_bot',
      ],
    },
    {
      name: 'telegram button',
      path: '/telegram/webhook',
      headers: telegram,
      base: (n) => ({
        update_id: 20_000_000 + n,
        callback_query: {
          id: `cq-${n}`,
          from: person(n),
          chat_instance: 'ci',
          data: '1|en',
          message: { message_id: n, date: 0, chat: chat(n), text: 'q' },
        },
      }),
      fields: [
        'callback_query.id',
        'callback_query.data',
        'callback_query.from',
        'callback_query.from.id',
        'callback_query.message',
        'callback_query.message.message_id',
        'callback_query.message.chat.id',
      ],
    },
    {
      name: 'village check',
      path: '/api/checks/village',
      headers: {},
      base: () => ({
        annualSalesRmb: 12_000_000,
        activeShops: 120,
        households: 400,
        category: 'furniture',
        town: { taobaoVillages: 2, annualSalesRmb: 1, activeShops: 1 },
      }),
      fields: [
        'annualSalesRmb',
        'activeShops',
        'households',
        'category',
        'town',
        'town.taobaoVillages',
      ],
    },
    {
      name: 'logistics check',
      path: '/api/checks/logistics',
      headers: {},
      base: () => ({
        orderValueRmb: 80,
        shippingCostRmb: 9,
        perishable: false,
        deliveryDays: 3,
        damageRatePct: 1,
        expressPointKm: 4,
      }),
      fields: ['orderValueRmb', 'shippingCostRmb', 'perishable', 'deliveryDays', 'damageRatePct'],
    },
    {
      name: 'niche check',
      path: '/api/checks/niche',
      headers: {},
      base: () => ({ sameItemSellers: 30, differentiators: [], priceVsMarketPct: -10 }),
      fields: ['sameItemSellers', 'differentiators', 'priceVsMarketPct', 'category'],
    },
    {
      name: 'storytelling check',
      path: '/api/checks/storytelling',
      headers: {},
      base: () => ({ text: 'Our grandmother weaves these baskets by hand.', locale: 'en' }),
      fields: ['text', 'locale'],
    },
    {
      name: 'admin broadcast',
      path: '/admin/api/broadcasts',
      headers: admin,
      // No audience matches nobody on purpose: a valid mutation must not message people.
      base: () => ({ audience: { course: 'no-such-course' }, messages: { en: 'x' } }),
      fields: ['audience', 'audience.course', 'messages', 'messages.en', 'sendAt', 'choices'],
    },
    {
      name: 'admin broadcast cancel',
      path: '/admin/api/broadcasts/no-such-job/cancel',
      headers: admin,
      base: () => ({}),
      fields: ['reason'],
    },
    {
      name: 'admin audience preview',
      path: '/admin/api/audience/preview',
      headers: admin,
      base: () => audience,
      fields: ['audience', 'audience.all'],
    },
    {
      name: 'admin survey draft',
      path: '/admin/api/surveys',
      headers: admin,
      base: () => ({ id: 'fault-survey', title: { en: 't' }, questions: [] }),
      fields: ['id', 'title', 'questions'],
    },
    {
      name: 'admin survey validate',
      path: '/admin/api/surveys/validate',
      headers: admin,
      base: () => ({ id: 'fault-survey', title: { en: 't' }, questions: [] }),
      fields: ['id', 'title', 'questions'],
    },
    {
      name: 'admin survey send',
      path: `${survey}/send`,
      headers: admin,
      base: () => ({ audience: { course: 'no-such-course' } }),
      fields: ['audience', 'messages', 'sendAt'],
    },
    {
      name: 'admin survey remind',
      path: `${survey}/remind`,
      headers: admin,
      base: () => ({ audience: { course: 'no-such-course' } }),
      fields: ['audience', 'messages'],
    },
    {
      name: 'admin survey publish (unknown)',
      path: '/admin/api/surveys/%ED%A0%80/publish',
      headers: admin,
      base: () => ({}),
      fields: ['x'],
    },
    {
      name: 'admin survey close (unknown)',
      path: `/admin/api/surveys/${'s'.repeat(3000)}/close`,
      headers: admin,
      base: () => ({}),
      fields: ['x'],
    },
  ];
}

function wechatRequests(o: CorpusOptions, next: () => number): CorpusRequest[] {
  const w = o.wechat;
  const out: CorpusRequest[] = [];
  const xmlType = { 'Content-Type': 'text/xml' };
  const add = (label: string, body: string | Uint8Array, mode: 'raw' | 'safe' = 'raw') => {
    if (mode === 'safe' && typeof body === 'string') {
      const signed = w.request(body, 'safe');
      out.push({
        label: `wechat safe: ${label}`,
        path: `/wechat?${signed.query}`,
        headers: xmlType,
        body: signed.body,
      });
    } else {
      out.push({ label: `wechat: ${label}`, path: `/wechat?${w.query()}`, headers: xmlType, body });
    }
  };
  const text = (fields: Record<string, string>, n = next()) =>
    `<xml><ToUserName><![CDATA[gh_faults]]></ToUserName><FromUserName><![CDATA[o-fault-${n}]]></FromUserName>` +
    `<CreateTime>1700000000</CreateTime>${Object.entries(fields)
      .map(([k, v]) => `<${k}>${v}</${k}>`)
      .join('')}</xml>`;
  const msg = (extra: Record<string, string>) =>
    text({
      MsgType: 'text',
      Content: '<![CDATA[hi]]>',
      MsgId: String(7_100_000_000 + next()),
      ...extra,
    });
  const bomb =
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
    Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`,
    ).join('') +
    ']><xml><ToUserName>gh_faults</ToUserName><FromUserName>o-bomb</FromUserName><MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>';
  const external =
    '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>gh_faults</ToUserName><FromUserName>o-xxe</FromUserName><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>2</MsgId></xml>';
  const cases: [string, string | Uint8Array][] = [
    ['empty body', ''],
    ['not XML', '{"a":1}'],
    ['unclosed', '<xml><Content>hi'],
    ['XML bomb', bomb],
    ['external entity', external],
    ['parameter entity DTD', '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/x">%p;]><xml/>'],
    ['deep nesting', '<xml>' + '<a>'.repeat(DEEP) + '</a>'.repeat(DEEP) + '</xml>'],
    ['huge content', msg({ Content: `<![CDATA[${'长'.repeat(MB / 3)}]]>` })],
    ['long content', msg({ Content: `<![CDATA[${'x'.repeat(60_000)}]]>` })],
    ['surrogate char ref', msg({ Content: '&#xD800;' })],
    ['NUL char ref', msg({ Content: 'a&#0;b' })],
    ['CDATA end inside', msg({ Content: '<![CDATA[a]]>]]><b>' })],
    ['no Content', msg({ Content: '' })],
    ['MsgId not a number', msg({ MsgId: 'abc' })],
    ['MsgId negative', msg({ MsgId: '-1' })],
    ['MsgId overflow', msg({ MsgId: '1e400' })],
    ['MsgId huge', msg({ MsgId: '9'.repeat(400) })],
    ['MsgType unknown', msg({ MsgType: 'hologram' })],
    ['event without Event', text({ MsgType: 'event' })],
    ['click without key', text({ MsgType: 'event', Event: 'CLICK' })],
    ['unknown event', text({ MsgType: 'event', Event: 'SELF_DESTRUCT', EventKey: '\u202e' })],
    ['CreateTime NaN', msg({ CreateTime: 'NaN' })],
    [
      'repeated fields',
      msg({ Content: 'a', MsgType: 'text' }).replace('</xml>', '<Content>b</Content></xml>'),
    ],
    [
      'no FromUserName',
      '<xml><ToUserName>gh_faults</ToUserName><MsgType>text</MsgType><Content>hi</Content><MsgId>3</MsgId></xml>',
    ],
    [
      'FromUserName surrogate',
      '<xml><ToUserName>gh_faults</ToUserName><FromUserName>&#xDC00;</FromUserName><MsgType>text</MsgType><Content>hi</Content><MsgId>4</MsgId></xml>',
    ],
    ['FromUserName 10 KB', msg({}).replace(/o-fault-\d+/, 'o'.repeat(10_000))],
    [
      'invalid UTF-8 content',
      Uint8Array.from([
        ...new TextEncoder().encode(msg({ Content: 'X' }).split('X')[0]!),
        0xff,
        0xfe,
        0xed,
        0xa0,
        0x80,
        ...new TextEncoder().encode(msg({ Content: 'X' }).split('X')[1]!),
      ]),
    ],
    ['1 MB body', `<xml>${' '.repeat(MB)}</xml>`],
  ];
  for (const [label, body] of cases) {
    add(label, body);
    if (typeof body === 'string' && body.length < 200_000) add(label, body, 'safe');
  }
  // Safe mode with a broken envelope, correctly signed so it gets past the signature.
  for (const [label, encrypt] of [
    ['Encrypt not base64', '!!!not base64!!!'],
    ['Encrypt empty', ''],
    ['Encrypt short', 'AAAA'],
    [
      'Encrypt random',
      Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)).toString('base64'),
    ],
    ['Encrypt 60 KB', 'A'.repeat(60_000)],
  ] as const) {
    out.push({
      label: `wechat safe: ${label}`,
      path: `/wechat?${w.query({ encrypt })}`,
      headers: xmlType,
      body: `<xml><ToUserName>gh_faults</ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    });
  }
  return out;
}

/**
 * A seeded corpus of malformed requests across every POST endpoint: each field of a valid
 * body replaced by each bad value, each endpoint's body broken as a whole, WeChat XML attacks
 * in plaintext and safe mode, then random combinations of faults up to `minimum`. The same
 * seed gives the same corpus (WeChat signatures aside, which carry the time).
 */
export function buildCorpus(o: CorpusOptions): CorpusRequest[] {
  const rand = random(o.seed);
  let counter = 0;
  const next = () => ++counter;
  const out: CorpusRequest[] = [];
  const endpoints = jsonEndpoints(o);
  const json = (
    e: JsonEndpoint,
    label: string,
    body: string | Uint8Array,
    type = 'application/json',
  ) =>
    out.push({
      label: `${e.name}: ${label}`,
      path: e.path,
      headers: { ...e.headers, ...(type ? { 'Content-Type': type } : {}) },
      body,
    });

  for (const e of endpoints) {
    for (const field of e.fields) {
      for (const bad of badValues())
        json(e, `${field} = ${bad.name}`, toJson(withField(e.base(next()), field, bad.value)));
    }
    for (const bad of badBodies(toJson(e.base(next()))))
      json(e, `body ${bad.name}`, bad.body, bad.type);
  }
  out.push(...wechatRequests(o, next));

  const values = badValues().filter((v) => !v.name.includes('MB'));
  while (out.length < (o.minimum ?? 2000)) {
    const e = endpoints[Math.floor(rand() * endpoints.length)]!;
    let body = e.base(next());
    const names: string[] = [];
    for (let k = 0; k < 3; k++) {
      const field = e.fields[Math.floor(rand() * e.fields.length)]!;
      const bad = values[Math.floor(rand() * values.length)]!;
      body = withField(body, field, bad.value);
      names.push(`${field} = ${bad.name}`);
    }
    json(e, `combined ${names.join(', ')}`, toJson(body));
  }
  // Interleave endpoints so a slow one does not come in one block.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
