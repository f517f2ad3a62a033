import * as z from 'zod';
import type { Locale } from '../core/message';
import type { Recipient } from './audience';

const label = z.string().trim().min(1).max(40);

/**
 * A button under a broadcast message that runs a chat command when pressed (Telegram puts
 * the command in the button's data, 64 bytes at most); on channels without buttons the
 * command is shown to type. A survey invitation's Start / Later / No thanks are three.
 *
 * @example { "command": "/survey seller_baseline", "label": { "zh-CN": "开始", "en": "Start" } }
 */
export const broadcastChoiceSchema = z
  .object({
    command: z
      .string()
      .regex(/^\/[a-z][a-z0-9_]*(?: [a-z0-9_]+)*$/, 'a command such as "/survey my_survey"')
      .refine((c) => new TextEncoder().encode(c).length <= 64, {
        message: 'at most 64 bytes',
        params: { code: 'too_long', limit: 64 },
      }),
    label: z.object({ 'zh-CN': label.optional(), en: label.optional() }).strict(),
  })
  .strict();

/** See {@link broadcastChoiceSchema}. */
export type BroadcastChoice = z.infer<typeof broadcastChoiceSchema>;

/** A button as a sender gets it: the command and its label in the recipient's language. */
export interface SendChoice {
  command: string;
  label: string;
}

/** The buttons in one language, falling back to the other. */
export function choicesIn(
  choices: readonly BroadcastChoice[] | undefined,
  locale: Locale,
): SendChoice[] {
  return (choices ?? []).map((c) => ({
    command: c.command,
    label: c.label[locale] ?? c.label[locale === 'en' ? 'zh-CN' : 'en'] ?? c.command,
  }));
}

/**
 * A named recipient filter a job may carry (a survey invitation leaves out people who
 * already answered): data in the job, code registered with the planner, so a scheduled job
 * applies it when it starts.
 */
export const jobFilterSchema = z
  .object({
    name: z.string().min(1),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  })
  .strict();

/** See {@link jobFilterSchema}. */
export type JobFilter = z.infer<typeof jobFilterSchema>;

/** Narrows a job's recipients, given the filter's parameters. */
export type RecipientFilter = (
  recipients: Recipient[],
  params: JobFilter['params'],
) => Promise<Recipient[]>;
