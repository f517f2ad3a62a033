import type { Logger } from './logger';

/**
 * Speech to text for voice messages: the port the channels call, and its one adapter,
 * Cloudflare Workers AI through the optional `AI` binding (off unless wrangler.toml
 * declares it; see the README). The channel fetches the audio; the port bounds the whole
 * attempt and never throws: no transcript means the channel's "please type" reply.
 */
export interface Speech {
  /**
   * The words in the audio `load` fetches, or `undefined` when there are none to be had
   * (download failed, audio too large, model error or silence, out of time).
   */
  transcribe(
    load: () => Promise<Uint8Array>,
    logFields: Record<string, unknown>,
  ): Promise<string | undefined>;
}

/** Limits on one voice message: larger or longer ones are not sent to the model. */
export const SPEECH_LIMITS: SpeechLimits = {
  /** Bytes of audio (a minute of Telegram's Opus or WeChat's AMR is far below this). */
  maxBytes: 1_000_000,
  /** Seconds of audio, when the channel says how long it is. */
  maxSeconds: 60,
  /** Download and transcription together; then the person is asked to type. */
  timeoutMs: 6000,
};

/** See {@link SPEECH_LIMITS}. */
export interface SpeechLimits {
  maxBytes: number;
  maxSeconds: number;
  timeoutMs: number;
}

/**
 * The model: Whisper large v3 turbo, which takes the audio as base64 (the older
 * `@cf/openai/whisper` wants an array of byte numbers, several times larger as JSON).
 */
export const SPEECH_MODEL = '@cf/openai/whisper-large-v3-turbo';

/** The part of the Workers AI binding we use. */
export interface AiBinding {
  run(model: string, input: Record<string, unknown>): Promise<unknown>;
}

/** Whether an `env` value is a Workers AI binding. */
export function isAiBinding(value: unknown): value is AiBinding {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { run?: unknown }).run === 'function'
  );
}

/** Thrown by a download over {@link SPEECH_LIMITS}. */
export class AudioTooLargeError extends Error {
  override readonly name = 'AudioTooLargeError';
}

/**
 * Read a download's body, refusing more than `maxBytes` (by its Content-Length and while
 * reading), so a large file is never held in memory.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.ok) throw new Error(`download failed: http ${response.status}`);
  if (Number(response.headers.get('Content-Length') ?? 0) > maxBytes)
    throw new AudioTooLargeError('audio over the size limit');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (let next = await reader?.read(); next && !next.done; next = await reader?.read()) {
    size += next.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw new AudioTooLargeError('audio over the size limit');
    }
    chunks.push(next.value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * A transcript as typed text: trailing sentence marks go (recognisers end with "。", which
 * would stop a label from matching), as does surrounding space.
 */
export function cleanTranscript(text: string): string {
  return text.replace(/[\s。．.！!？?]+$/u, '').trim();
}

/** The Workers AI adapter of {@link Speech}. */
export function workersAiSpeech(ai: AiBinding, log: Logger, limits = SPEECH_LIMITS): Speech {
  return {
    async transcribe(load, logFields) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => {
          log.warn('speech_timeout', logFields);
          resolve(undefined);
        }, limits.timeoutMs);
      });
      const attempt = (async () => {
        const audio = await load();
        if (audio.byteLength === 0 || audio.byteLength > limits.maxBytes)
          throw new AudioTooLargeError(`audio of ${audio.byteLength} bytes`);
        const result = await ai.run(SPEECH_MODEL, {
          audio: Buffer.from(audio).toString('base64'),
          vad_filter: true,
        });
        const text = (result as { text?: unknown } | null)?.text;
        const heard = typeof text === 'string' ? cleanTranscript(text).slice(0, 4096) : '';
        if (!heard) log.info('speech_empty', logFields);
        return heard || undefined;
      })().catch((error: unknown) => {
        log.warn('speech_failed', { ...logFields, message: String(error).slice(0, 200) });
        return undefined;
      });
      try {
        return await Promise.race([attempt, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
