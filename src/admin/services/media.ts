import { isSurveyMediaKey, mediaType } from '../../surveys/media-keys';
import {
  done,
  forbidden,
  recordAudit,
  refused,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
} from './service';
import { surveyTarget } from './surveys';

/** A kept voice answer, ready to serve. */
export interface MediaFile {
  body: ReadableStream<Uint8Array>;
  type: string;
  size: number;
}

/**
 * A voice answer's audio (or its transcript) from the `MEDIA` bucket, for whoever may
 * export the survey: 404 for a key that is not one of this survey's media keys or that
 * holds nothing; every read is audited (it is a person's voice).
 */
export async function surveyMedia(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; key: string },
): Promise<ServiceOutcome<MediaFile>> {
  const refusal = forbidden(actor, 'surveyMedia');
  if (refusal) return refusal;
  const { id, key } = input;
  if (!deps.media || !isSurveyMediaKey(id, key)) return refused(404, 'not_found');
  let object: R2ObjectBody | null;
  try {
    object = await deps.media.get(key);
  } catch (error) {
    deps.log.error('media_read_failed', { survey: id, message: String(error).slice(0, 200) });
    return refused(503, 'media_unavailable');
  }
  if (!object) return refused(404, 'not_found');
  await recordAudit(deps, actor, {
    action: 'survey.media',
    target: surveyTarget(id),
    details: { key },
  });
  return done({ body: object.body, type: mediaType(key), size: object.size });
}
