import * as z from 'zod';
import { LOCALES, type Locale } from '../core/message';
import type { AudienceStore } from '../store/port';

/**
 * Who a broadcast goes to: everyone who consented, a course's subscribers, or people
 * matching every given filter.
 *
 * @example { "all": true }
 * @example { "course": "shipping" }
 * @example { "locale": "zh-CN", "province": "zhejiang" }
 * @example { "experiment": "training_trial", "arm": "video" }
 */
export const audienceSchema = z.union([
  z.object({ all: z.literal(true) }).strict(),
  z.object({ course: z.string().min(1).max(64) }).strict(),
  /** The people given one arm of an experiment (see src/experiments). */
  z.object({ experiment: z.string().min(1).max(40), arm: z.string().min(1).max(40) }).strict(),
  z
    .object({
      locale: z.enum(LOCALES).optional(),
      province: z.string().min(1).max(64).optional(),
      category: z.string().min(1).max(64).optional(),
    })
    .strict()
    .refine((f) => f.locale !== undefined || f.province !== undefined || f.category !== undefined, {
      message:
        'give { "all": true }, { "course": id }, { "experiment": id, "arm": id } or at least one of locale, province, category',
      params: {
        code: 'one_required',
        options: 'all, course, experiment, locale, province, category',
      },
    }),
]);

/** See {@link audienceSchema}. */
export type Audience = z.infer<typeof audienceSchema>;

/** One person a broadcast goes to. */
export interface Recipient {
  /** `channel:userId`. */
  ref: string;
  channel: string;
  userId: string;
  locale: Locale;
}

const indexedSchema = z.object({
  channel: z.string(),
  locale: z.enum(LOCALES).optional(),
  consent: z.boolean().optional(),
  category: z.string().optional(),
  province: z.string().optional(),
  active: z.boolean().optional(),
  experiments: z.record(z.string(), z.string()).optional(),
});

/** Channels that can deliver a message the person did not ask for right now. */
const PUSH_CHANNELS = new Set(['telegram', 'wechat']);

/** The name of a course's subscriber set. */
export function courseSet(courseId: string): string {
  return `course:${courseId}`;
}

/**
 * Resolve an audience to recipients from the audience index: people who blocked the bot
 * are left out, and so is the web chat, which has no way to reach someone later.
 */
export async function resolveAudience(
  store: AudienceStore,
  audience: Audience,
): Promise<Recipient[]> {
  const members =
    'course' in audience ? new Set(await store.setMembers(courseSet(audience.course))) : undefined;
  const out: Recipient[] = [];
  let cursor = '0';
  do {
    const page = await store.scanUsers(cursor, 1000);
    for (const { ref, data } of page.users) {
      const user = indexedSchema.safeParse(data);
      if (!user.success || user.data.active === false || !PUSH_CHANNELS.has(user.data.channel))
        continue;
      if (!matches(audience, ref, user.data, members)) continue;
      const userId = ref.slice(user.data.channel.length + 1);
      out.push({ ref, channel: user.data.channel, userId, locale: user.data.locale ?? 'zh-CN' });
    }
    cursor = page.cursor;
  } while (cursor !== '0');
  return out.sort((a, b) => a.ref.localeCompare(b.ref));
}

function matches(
  audience: Audience,
  ref: string,
  user: z.infer<typeof indexedSchema>,
  members: Set<string> | undefined,
): boolean {
  if (members) return members.has(ref);
  if (user.consent !== true) return false;
  if ('all' in audience) return true;
  if ('course' in audience) return false;
  if ('experiment' in audience) return user.experiments?.[audience.experiment] === audience.arm;
  return (
    (audience.locale === undefined || user.locale === audience.locale) &&
    (audience.province === undefined || user.province === audience.province) &&
    (audience.category === undefined || user.category === audience.category)
  );
}
