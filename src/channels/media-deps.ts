import type { Inbound } from '../core/message';
import type { AppDeps } from '../http/types';
import { keepVoice, voiceTarget, type MediaDeps, type VoiceTarget } from '../shell/media';
import { takesVoice } from '../surveys/media-keys';

/** The largest voice answer kept (a few minutes of Opus or AMR). */
export const MEDIA_MAX_BYTES = 5_000_000;

/** What keeping voice answers needs, when the `MEDIA` bucket is bound. */
export function mediaDepsOf(deps: AppDeps): MediaDeps | undefined {
  if (!deps.media) return undefined;
  const source = deps.surveys.catalog;
  return {
    media: deps.media,
    store: deps.store,
    catalog: () => source.catalog(),
    ...(deps.surveys.pseudonym ? { pseudonym: deps.surveys.pseudonym } : {}),
    ...(deps.speech ? { speech: deps.speech } : {}),
    log: deps.log,
  };
}

/**
 * The survey text question a voice message answers, if the person is at one (one read of
 * their state), or `handled` for a re-delivered message (its turn is a duplicate);
 * undefined otherwise, and the channel's usual voice handling applies.
 */
export async function surveyVoiceTarget(
  media: MediaDeps,
  from: Omit<Inbound, 'kind'>,
): Promise<VoiceTarget | 'handled' | undefined> {
  const user = { channel: from.channel, userId: from.userId };
  const target = await voiceTarget(media, user, from.messageId);
  if (target === 'handled') return target;
  return target?.question.type === 'text' ? target : undefined;
}

/**
 * A voice message at a survey's text question, as the turn's input: kept (and transcribed
 * where configured, else with the channel's own recognition) when the question takes voice,
 * else a voice input with no key, which the survey answers by asking to type.
 */
export async function surveyVoiceInbound(
  media: MediaDeps,
  from: Omit<Inbound, 'kind'>,
  target: VoiceTarget | 'handled',
  audio: { ext: 'ogg' | 'amr'; load(): Promise<Uint8Array>; heard?: string },
): Promise<Inbound> {
  // A duplicate turn: the pipeline answers it from the stored replies.
  if (target === 'handled') return { ...from, kind: 'text', text: '', voice: {} };
  const user = { channel: from.channel, userId: from.userId };
  const kept = takesVoice(target.question) ? await keepVoice(media, user, target, audio) : {};
  const transcript = kept.transcript ?? (kept.key ? audio.heard : undefined);
  const voice = { ...kept, ...(transcript ? { transcript } : {}) };
  return { ...from, kind: 'text', text: transcript ?? '', voice };
}
