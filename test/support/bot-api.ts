import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http, HttpResponse } from 'msw';

/** One call the bot made to the Bot API. */
export interface BotApiCall {
  method: string;
  payload: Record<string, unknown>;
  /** The message id Telegram would have assigned, for sendMessage. */
  messageId?: number;
  /** Made as the webhook's own response (grammY's webhook reply), not as a request. */
  viaWebhook?: true;
}

interface Scripted {
  status: number;
  body: Record<string, unknown>;
}

/**
 * A stand-in for Telegram's Bot API: records every call and answers like Telegram does,
 * unless a test scripted a failure (429 with retry_after, 403 blocked, 500).
 */
export class FakeBotApi {
  readonly calls: BotApiCall[] = [];
  private readonly scripted = new Map<string, Scripted[]>();
  private nextMessageId = 100;
  private readonly blocked = new Set<number>();
  /** Files `getFile` knows and `<root>/file/bot<token>/<path>` serves, by file id. */
  readonly files = new Map<string, Uint8Array>();

  /** Every sendMessage to this chat fails with 403, as when the person blocked the bot. */
  blockChat(chatId: number): void {
    this.blocked.add(chatId);
  }

  /** Chat ids that got a message delivered, one entry per delivery. */
  delivered(): number[] {
    return this.calls
      .filter((c) => c.method === 'sendMessage' && c.messageId !== undefined)
      .map((c) => Number(c.payload.chat_id));
  }

  /** Make the next `times` calls of `method` fail with this Telegram error. */
  fail(method: string, status: number, description: string, times = 1, retryAfter?: number): void {
    const body = {
      ok: false,
      error_code: status,
      description,
      ...(retryAfter === undefined ? {} : { parameters: { retry_after: retryAfter } }),
    };
    this.scripted.set(method, [
      ...(this.scripted.get(method) ?? []),
      ...Array.from({ length: times }, () => ({ status, body })),
    ]);
  }

  /**
   * Record the method a webhook answered in its response body (grammY's webhook reply, used
   * for `answerCallbackQuery`) as a call: Telegram carries it out as if it had been made.
   */
  async recordWebhookReply(res: Response): Promise<void> {
    if (!res.headers.get('Content-Type')?.includes('application/json')) return;
    const { method, ...payload } = (await res.clone().json()) as Record<string, unknown>;
    if (typeof method === 'string') this.calls.push({ method, payload, viaWebhook: true });
  }

  /** Answer one call. */
  respond(method: string, payload: Record<string, unknown>): Scripted {
    const call: BotApiCall = { method, payload };
    this.calls.push(call);
    const forced = this.scripted.get(method)?.shift();
    if (forced) return forced;
    if (method === 'sendMessage' && this.blocked.has(Number(payload.chat_id))) {
      return {
        status: 403,
        body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
      };
    }
    if (method === 'sendMessage') {
      call.messageId = this.nextMessageId++;
      const chat = { id: payload.chat_id, type: 'private' };
      return {
        status: 200,
        body: {
          ok: true,
          result: { message_id: call.messageId, date: 0, chat, text: payload.text },
        },
      };
    }
    if (method === 'getFile') {
      const fileId = String(payload.file_id);
      const bytes = this.files.get(fileId);
      if (!bytes) {
        const body = { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' };
        return { status: 400, body };
      }
      const file = { file_id: fileId, file_unique_id: `u-${fileId}`, file_size: bytes.byteLength };
      return {
        status: 200,
        body: { ok: true, result: { ...file, file_path: `voice/${fileId}.oga` } },
      };
    }
    if (method === 'getMe') {
      return {
        status: 200,
        body: {
          ok: true,
          result: { id: 123456, is_bot: true, first_name: 'Village', username: 'village_test_bot' },
        },
      };
    }
    return { status: 200, body: { ok: true, result: true } };
  }

  /** The payloads of calls to one method. */
  of(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.payload);
  }

  /** Forget recorded calls; with `scripts`, scripted failures too. */
  reset(options: { scripts?: boolean } = {}): void {
    this.calls.length = 0;
    if (options.scripts) {
      this.scripted.clear();
      this.files.clear();
    }
  }
}

function methodOf(pathname: string): string {
  return pathname.split('/').pop() ?? '';
}

/** msw handlers routing `<root>/bot<token>/<method>` to the fake. */
export function botApiHandlers(api: FakeBotApi, root = 'https://api.telegram.org') {
  return [
    // File downloads: `<root>/file/bot<token>/voice/<file id>.oga`.
    http.get(`${root}/file/:bot/voice/:name`, ({ params }) => {
      api.calls.push({ method: 'download', payload: { bot: params.bot, name: params.name } });
      const bytes = api.files.get(String(params.name).replace(/\.oga$/, ''));
      return bytes ? new HttpResponse(bytes) : new HttpResponse('Not Found', { status: 404 });
    }),
    http.post(`${root}/:bot/:method`, async ({ request }) => {
      const payload = (await request.json().catch(() => ({}))) as Record<string, unknown>;
      const { status, body } = api.respond(methodOf(new URL(request.url).pathname), payload);
      return HttpResponse.json(body, { status });
    }),
  ];
}

/** The fake served over HTTP on loopback, for the Worker running in workerd. */
export async function startBotApiServer(
  api: FakeBotApi,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    // File downloads: `/file/bot<token>/voice/<file id>.oga`, from `api.files`.
    const file = /^\/file\/[^/]+\/voice\/(.+)\.oga$/.exec(req.url ?? '');
    if (file) {
      const bytes = api.files.get(file[1]!);
      api.calls.push({ method: 'download', payload: { name: file[1] } });
      if (bytes) res.writeHead(200).end(Buffer.from(bytes));
      else res.writeHead(404).end('Not Found');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let payload: Record<string, unknown> = {};
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<
          string,
          unknown
        >;
      } catch {
        payload = {};
      }
      const { status, body } = api.respond(methodOf(req.url ?? ''), payload);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
