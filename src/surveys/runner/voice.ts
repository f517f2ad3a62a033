import type { StepContext, Transition } from '../../core/steps/types';
import type { VoiceInput } from '../../core/message';
import { mediaAnswerKey, takesVoice } from '../media-keys';
import type { Question, SurveyDefinition } from '../schema';
import { askCurrent } from './ask';
import { save } from './progress';
import type { Run } from './state';

/**
 * A voice message at a question. A text question with `allowVoice` keeps it: the answer
 * is the transcript (or the media key when there is none) and `<q>#media` holds the key.
 * Anywhere else, or when the shell could not keep the audio, the person is asked to type.
 */
export function answerVoice(
  ctx: StepContext,
  survey: SurveyDefinition,
  run: Run,
  q: Question,
  voice: VoiceInput,
): Transition {
  // The key names the question the shell saw; the run may have moved on since.
  const key = voice.key;
  if (!takesVoice(q) || key === undefined || !key.includes(`/${q.id}.`)) {
    ctx.emit({ type: 'input_rejected', flow: ctx.flowId, node: q.id, reason: 'voice' });
    ctx.reply(ctx.text(takesVoice(q) ? 'surveys_voice.not_kept' : 'surveys_voice.type_please'));
    return askCurrent(ctx, survey, run);
  }
  return save(ctx, survey, run, q, voice.transcript ?? key, { [mediaAnswerKey(q.id)]: key });
}
