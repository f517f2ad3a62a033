import type { WechatConfig } from '../../config';
import { readCapped } from '../../shell/speech';
import { API_TIMEOUT_MS, postWechat, WechatApiError, type AccessTokens, type Fetch } from './token';

/** WeChat error codes the client acts on. */
export const WECHAT_ERRORS = {
  /** System busy: worth one retry. */
  busy: -1,
  /** The access token is invalid, expired or malformed: refresh and retry once. */
  tokenInvalid: [40001, 40014, 42001],
  /** The person has not written in the last 48 hours: customer-service messages cannot reach them. */
  outsideWindow: 45015,
  /** The person does not follow the account (any more). */
  notFollowing: 43004,
} as const;

/** The outcome of one customer-service message. */
export type SendOutcome =
  | { kind: 'sent' }
  /** 45015: outside the 48-hour window. Not retried; counted by the caller. */
  | { kind: 'outside_window' }
  /** 43004: the person unfollowed. */
  | { kind: 'blocked' }
  | { kind: 'failed'; errcode: number; message: string };

/** What {@link WechatClient} needs. */
export interface WechatClientDeps {
  tokens: AccessTokens;
  fetch: Fetch;
  /** Pause before the one retry of a transient failure. */
  retryPauseMs?: number;
}

/**
 * The WeChat API calls the channel makes: customer-service text messages
 * (`POST /cgi-bin/message/custom/send`) and, for speech to text, a voice message's audio
 * (`GET /cgi-bin/media/get`), with the shared access token. The only I/O of the channel
 * besides the store.
 */
export class WechatClient {
  constructor(
    private readonly config: WechatConfig,
    private readonly deps: WechatClientDeps,
  ) {}

  /**
   * Send one text message. A rejected token is refreshed and the call retried once; a busy
   * or unreachable WeChat is retried once; 45015 (outside the 48-hour window) is not.
   */
  async sendText(openId: string, content: string): Promise<SendOutcome> {
    let rejected: string | undefined;
    let retried = false;
    for (;;) {
      let token: string | undefined;
      try {
        token = await this.deps.tokens.get(rejected);
        await postWechat(
          this.deps.fetch,
          `${this.config.apiRoot}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(token)}`,
          { touser: openId, msgtype: 'text', text: { content } },
        );
        return { kind: 'sent' };
      } catch (error) {
        const errcode = error instanceof WechatApiError ? error.errcode : -1;
        if (errcode === WECHAT_ERRORS.outsideWindow) return { kind: 'outside_window' };
        if (errcode === WECHAT_ERRORS.notFollowing) return { kind: 'blocked' };
        const tokenProblem = (WECHAT_ERRORS.tokenInvalid as readonly number[]).includes(errcode);
        const transient = errcode === WECHAT_ERRORS.busy;
        if (retried || !(tokenProblem || transient)) {
          return { kind: 'failed', errcode, message: (error as Error).message };
        }
        retried = true;
        if (tokenProblem) rejected = token;
        else await new Promise((r) => setTimeout(r, this.deps.retryPauseMs ?? 300));
      }
    }
  }

  /**
   * Download a message's media (a voice message's AMR audio), at most `maxBytes`. WeChat
   * answers an error as JSON: a rejected token is refreshed and the call made once more;
   * any other error throws.
   */
  async fetchMedia(mediaId: string, maxBytes: number): Promise<Uint8Array> {
    let rejected: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const token = await this.deps.tokens.get(rejected);
      const query = `access_token=${encodeURIComponent(token)}&media_id=${encodeURIComponent(mediaId)}`;
      const response = await this.deps.fetch(`${this.config.apiRoot}/cgi-bin/media/get?${query}`, {
        signal: AbortSignal.timeout(API_TIMEOUT_MS),
      });
      if (!/json|text\/plain/i.test(response.headers.get('Content-Type') ?? '')) {
        return readCapped(response, maxBytes);
      }
      const data = (await response.json().catch(() => ({}))) as {
        errcode?: number;
        errmsg?: string;
      };
      const errcode = data.errcode ?? -1;
      if (attempt === 0 && (WECHAT_ERRORS.tokenInvalid as readonly number[]).includes(errcode)) {
        rejected = token;
        continue;
      }
      throw new WechatApiError(errcode, data.errmsg ?? 'no media');
    }
  }

  /** Send texts in order, stopping at the first one that does not go out. */
  async sendTexts(
    openId: string,
    parts: readonly string[],
  ): Promise<{ sent: number; failure?: Exclude<SendOutcome, { kind: 'sent' }> }> {
    let sent = 0;
    for (const part of parts) {
      const outcome = await this.sendText(openId, part);
      if (outcome.kind !== 'sent') return { sent, failure: outcome };
      sent += 1;
    }
    return { sent };
  }
}
