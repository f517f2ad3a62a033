import { conversationSchema } from '../core/conversation';
import type { EngineEvent } from '../core/events';
import type { VoiceInput } from '../core/message';
import type { TurnStore, UserRef } from '../store/port';
import { definitionOf, type SurveyCatalog } from '../surveys/catalog';
import {
  mediaKey,
  mediaType,
  respondentMediaPrefix,
  surveyOfTable,
  transcriptKey,
} from '../surveys/media-keys';
import { readRun } from '../surveys/runner/state';
import type { Question } from '../surveys/schema';
import type { Logger } from './logger';
import type { Speech } from './speech';

/** The part of an R2 bucket (the `MEDIA` binding) that voice answers use. */
export type MediaBucket = Pick<R2Bucket, 'put' | 'get' | 'list' | 'delete'>;

/** Whether an `env` value is an R2 bucket binding. */
export function isMediaBucket(value: unknown): value is MediaBucket {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return ['put', 'get', 'list', 'delete'].every((m) => typeof b[m] === 'function');
}

/** What keeping a voice answer needs. */
export interface MediaDeps {
  media: MediaBucket;
  store: Pick<TurnStore, 'load'>;
  /** The survey catalogue (cached; read from the store when stale). */
  catalog(): Promise<SurveyCatalog>;
  pseudonym?: (user: UserRef) => Promise<string>;
  speech?: Speech;
  log: Logger;
}

/** The survey question a person is being asked now, if any. */
export interface VoiceTarget {
  surveyId: string;
  question: Question;
}

/**
 * The survey question the person's conversation waits on (a read of their state, no lease:
 * only for voice messages, before the turn, so the turn itself stays pure); `handled` for
 * a message already handled.
 */
export async function voiceTarget(
  deps: Pick<MediaDeps, 'store' | 'catalog'>,
  user: UserRef,
  messageId: string,
): Promise<VoiceTarget | 'handled' | undefined> {
  const snapshot = await deps.store.load(user, messageId);
  // A re-delivery: its turn answers from what was stored, nothing is fetched again.
  if (snapshot.handled) return 'handled';
  const conversation = conversationSchema.safeParse(snapshot.conversation);
  const at = conversation.success ? conversation.data.at : null;
  const run = at ? readRun(at.vars) : undefined;
  if (!run || run.mode !== 'q') return undefined;
  const question = definitionOf(await deps.catalog(), run.id, run.v)?.questions[run.q];
  return question ? { surveyId: run.id, question } : undefined;
}

/**
 * Fetch a voice answer's audio at once (WeChat's temporary media expires), keep it under
 * the person's pseudonym and, where speech to text is configured, keep the transcript beside
 * it. Never throws: a failure gives a {@link VoiceInput} without a key (the person is asked
 * to send it again or type).
 */
export async function keepVoice(
  deps: MediaDeps,
  user: UserRef,
  target: VoiceTarget,
  audio: { ext: 'ogg' | 'amr'; load(): Promise<Uint8Array> },
): Promise<VoiceInput> {
  const fields = { channel: user.channel, survey: target.surveyId, question: target.question.id };
  try {
    const pseudonym = await deps.pseudonym?.(user);
    if (pseudonym === undefined) {
      deps.log.error('media_without_pseudonym', fields);
      return {};
    }
    const bytes = await audio.load();
    const key = mediaKey(target.surveyId, pseudonym, target.question.id, audio.ext);
    await deps.media.put(key, bytes, { httpMetadata: { contentType: mediaType(key) } });
    const transcript = await deps.speech?.transcribe(async () => bytes, fields);
    if (transcript !== undefined)
      await deps.media.put(transcriptKey(key), transcript, {
        httpMetadata: { contentType: mediaType('.txt') },
      });
    deps.log.info('media_kept', { ...fields, bytes: bytes.byteLength, heard: !!transcript });
    return { key, ...(transcript !== undefined ? { transcript } : {}) };
  } catch (error) {
    deps.log.warn('media_keep_failed', { ...fields, message: String(error).slice(0, 200) });
    return {};
  }
}

/** Delete every object under `prefix` (a page of keys at a time). */
export async function deletePrefix(media: MediaBucket, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await media.list({ prefix, ...(cursor ? { cursor } : {}) });
    const keys = page.objects.map((o) => o.key);
    if (keys.length > 0) await media.delete(keys);
    deleted += keys.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}

/**
 * After a committed turn: a survey record deleted (`/delete_me`) or withdrawn deletes the
 * person's media in that survey (listed by their pseudonym's prefix).
 */
export async function purgeMediaAfter(
  deps: { media?: MediaBucket; pseudonym?: (user: UserRef) => Promise<string>; log: Logger },
  user: UserRef,
  events: readonly EngineEvent[],
): Promise<void> {
  if (!deps.media || !deps.pseudonym) return;
  const surveys = new Set<string>();
  for (const event of events) {
    if (event.type !== 'record_set') continue;
    const status = (event.value as { status?: unknown } | null)?.status;
    const id = surveyOfTable(event.table);
    if (id && (event.value === null || status === 'withdrawn')) surveys.add(id);
  }
  if (surveys.size === 0) return;
  const pseudonym = await deps.pseudonym(user);
  for (const id of surveys) {
    try {
      const deleted = await deletePrefix(deps.media, respondentMediaPrefix(id, pseudonym));
      if (deleted > 0) deps.log.info('media_deleted', { survey: id, objects: deleted });
    } catch (error) {
      deps.log.error('media_delete_failed', { survey: id, message: String(error).slice(0, 200) });
    }
  }
}
