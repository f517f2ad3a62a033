import { createRequire } from 'node:module';
import { FakeBotApi } from '../test/support/bot-api';

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const TELEGRAM_API = 'https://api.telegram.org/';
const WECHAT_API = 'https://api.weixin.qq.com/';

/** The Telegram and WeChat APIs answered in process. */
export interface InProcessApis {
  botApi: FakeBotApi;
  /** Called on every call to either API (the store-trips bench marks the first reply). */
  onOutbound?: () => void;
  /** Put the real clients back. */
  close(): void;
}

const require = createRequire(import.meta.url);
/** grammY's fetch on Node is node-fetch, read from this module each time a client is built. */
const nodeFetch = require(createRequire(require.resolve('grammy')).resolve('node-fetch')) as {
  default: Fetch;
};

const urlOf = (input: string | URL | Request) =>
  typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * Capture the Bot API and the WeChat API in process, at the fetch the clients call: grammY's
 * node-fetch (for bots built after this call) and the global fetch (WeChat). Only those two
 * hosts are answered here; everything else (the Upstash bridge, loopback stand-ins) goes
 * out as usual. This costs about what a subrequest costs inside the isolate on Workers;
 * msw, which intercepts below node-fetch, costs ~1.5 ms of CPU per call and would swamp
 * the figures (see bench/README.md).
 */
export function captureClients(): InProcessApis {
  const botApi = new FakeBotApi();
  const realNodeFetch = nodeFetch.default;
  const realFetch = globalThis.fetch;
  const apis: InProcessApis = { botApi, close: () => undefined };
  const telegram = async (url: string, init?: RequestInit) => {
    apis.onOutbound?.();
    const method = new URL(url).pathname.split('/').pop() ?? '';
    const payload = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as Record<
      string,
      unknown
    >;
    const answer = botApi.respond(method, payload);
    return json(answer.body, answer.status);
  };
  const wechat = async (url: string) => {
    apis.onOutbound?.();
    return json(
      new URL(url).pathname.endsWith('/stable_token')
        ? { access_token: 'BENCH_ACCESS_TOKEN', expires_in: 7200 }
        : { errcode: 0, errmsg: 'ok' },
    );
  };
  nodeFetch.default = (input, init) => {
    const url = urlOf(input);
    return url.startsWith(TELEGRAM_API) ? telegram(url, init) : realNodeFetch(input, init);
  };
  globalThis.fetch = (input, init) => {
    const url = urlOf(input);
    if (url.startsWith(WECHAT_API)) return wechat(url);
    if (url.startsWith(TELEGRAM_API)) return telegram(url, init);
    return realFetch(input, init);
  };
  apis.close = () => {
    nodeFetch.default = realNodeFetch;
    globalThis.fetch = realFetch;
  };
  return apis;
}
