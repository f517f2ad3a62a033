import * as z from 'zod';
import type { AudienceStore, UserRef } from '../../store/port';
import type { RespondentProfile } from '../profile-columns';

const indexedSchema = z.object({
  channel: z.string(),
  consent: z.boolean().optional(),
  province: z.string().optional(),
  category: z.string().optional(),
});

/**
 * The province and category of everyone in the audience index who consented (profile
 * `consent: true`), by their respondent pseudonym, read before an export streams. Records
 * are filed by pseudonym, so each consenting person's pseudonym is computed (one HMAC each,
 * cached per isolate). Without a pseudonym function (surveys off) the map is empty.
 */
export async function profilesByPseudonym(
  store: Pick<AudienceStore, 'scanUsers'>,
  pseudonym: ((user: UserRef) => Promise<string>) | undefined,
): Promise<Map<string, RespondentProfile>> {
  const out = new Map<string, RespondentProfile>();
  if (!pseudonym) return out;
  let cursor = '0';
  do {
    const page = await store.scanUsers(cursor, 1000);
    for (const { ref, data } of page.users) {
      const user = indexedSchema.safeParse(data);
      if (!user.success || user.data.consent !== true) continue;
      const { channel, province, category } = user.data;
      if (province === undefined && category === undefined) continue;
      const key = await pseudonym({ channel, userId: ref.slice(channel.length + 1) });
      out.set(key, {
        ...(province !== undefined ? { province } : {}),
        ...(category !== undefined ? { category } : {}),
      });
    }
    cursor = page.cursor;
  } while (cursor !== '0');
  return out;
}
