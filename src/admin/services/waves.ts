import { BroadcastQueueMissingError } from '../../broadcast/queue';
import { definitionAt } from '../../surveys/io/registry';
import { previewWave, startWave } from '../../surveys/io/waves';
import { surveyWaveBodySchema } from '../wave-operations';
import { queueMissing } from './broadcasts';
import {
  done,
  permittedInput,
  recordAudit,
  type Actor,
  type ServiceDeps,
  type ServiceOutcome,
} from './service';
import { registryRefusal, surveyTarget } from './surveys';

/** A wave's start as the API answers it. */
export interface WaveAnswer {
  survey: string;
  wave: number;
  version: number;
  /** The broadcast job's id. */
  id: string;
  /** How many people it was sent to. */
  audience: number;
  replayed: boolean;
}

/**
 * How many people the next panel wave reaches now (through the job's own filter), and why
 * nobody when none; nothing stored. What the console's confirmation states.
 */
export async function previewSurveyWave(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; body: unknown },
): Promise<ServiceOutcome<{ wave: number; size: number; nobody?: string }>> {
  const body = permittedInput(actor, 'startSurveyWave', surveyWaveBodySchema, input.body);
  if (!body.ok) return body;
  try {
    const reach = await previewWave(deps, input.id, body.value);
    if (!reach.ok) return registryRefusal(reach);
    const { wave, recipients, nobody } = reach.value;
    return done({ wave, size: recipients.length, ...(nobody ? { nobody } : {}) });
  } catch (error) {
    if (error instanceof BroadcastQueueMissingError) return queueMissing();
    throw error;
  }
}

/** Start the next panel wave of a survey (see {@link startWave}); audited once, when it starts. */
export async function startSurveyWave(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; body: unknown },
): Promise<ServiceOutcome<WaveAnswer>> {
  const body = permittedInput(actor, 'startSurveyWave', surveyWaveBodySchema, input.body);
  if (!body.ok) return body;
  const { id } = input;
  try {
    const started = await startWave({ ...deps, t: deps.program.t }, id, body.value, actor.label);
    if (!started.ok) return registryRefusal(started);
    const { wave, version, jobId, recipients, replayed } = started.value;
    if (!replayed) {
      const definition = await definitionAt(deps, id, version);
      await recordAudit(deps, actor, {
        action: 'survey.wave',
        target: surveyTarget(id, definition?.title),
        details: { wave, audience: body.value.audience, recipients, version, job: jobId },
      });
    }
    return done({ survey: id, wave, version, id: jobId, audience: recipients, replayed });
  } catch (error) {
    if (error instanceof BroadcastQueueMissingError) return queueMissing();
    throw error;
  }
}
