import * as z from 'zod';
import { CHECK_NAMES } from '../advice/plan-schema';
import type { AudienceStore, CoordinationStore, FigureStore, JobStore } from '../store/port';
import { TIME_ZONE, lastDays, zonedDayNumber } from '../time-zone';

/** How long a computed overview is reused: scanning the audience index is the costly part. */
export const OVERVIEW_CACHE_SECONDS = 60;

/** Recent jobs whose state the overview counts. */
const JOBS_LOOKED_AT = 20;

/** Most people the overview scans; past this it says `truncated`. */
const MAX_SCANNED = 200_000;

/** Days of the trends, today included. */
export const TREND_DAYS = 30;

const count = z.number().int().min(0);

const daySchema = z.object({
  day: z.string().describe('a day (`2026-12-05`) of `timeZone`'),
  new: count.describe('people whose first message was that day'),
  active: count.describe('distinct people who sent a message that day'),
  messages: count.describe('messages handled that day (not drips, not rate-limited ones)'),
});

/** Survey and course totals the overview shows beside the people. */
export const totalsSchema = z.object({
  surveys: z.object({
    total: count,
    byStatus: z.record(z.string(), count).describe('draft, open, full, closed'),
    invited: count,
    completed: count.describe('completed responses over every survey'),
  }),
  courses: z.object({
    total: count,
    subscribers: count.describe('subscriptions over every course (a person may hold several)'),
    started: count,
    completed: count,
  }),
});

/** See {@link totalsSchema}. */
export type Totals = z.infer<typeof totalsSchema>;

/** What the admin overview shows, as `GET /admin/api/overview` answers it. */
export const overviewSchema = z.object({
  generatedAt: z.string().describe('ISO time the figures were computed (cached for a minute)'),
  timeZone: z.literal(TIME_ZONE.id).describe('the time zone of `days` and of the console'),
  users: z.object({
    total: count.describe('people in the audience index (everyone with a profile)'),
    byChannel: z.record(z.string(), count),
    byLocale: z.record(z.string(), count).describe('zh-CN, en, or unknown'),
    consented: count,
    inactive: count.describe('blocked the bot or unsubscribed'),
    active7: count.describe('had a turn in the last 7 days (today included, days of `timeZone`)'),
    active30: count.describe('had a turn in the last 30 days'),
    byProvince: z
      .record(z.string(), count)
      .describe('people by the province in their profile (only those who gave one)'),
    byCategory: z
      .record(z.string(), count)
      .describe('people by the product category in their profile (only those who gave one)'),
    truncated: z.boolean().describe('true when the index was too large to scan whole'),
  }),
  checks: z.array(
    z
      .object({
        check: z
          .enum(CHECK_NAMES)
          .describe(
            'the check by id; its one name per language is the locale key check_names.<id>',
          ),
        started: count,
        completed: count,
      })
      .strict(),
  ),
  turns: count.describe('messages handled since the store began'),
  jobs: z
    .object({ scheduled: count, running: count, done: count, cancelled: count })
    .describe(`states of the ${JOBS_LOOKED_AT} most recent broadcast jobs`),
  days: z.array(daySchema).describe(`the last ${TREND_DAYS} days, oldest first`),
  totals: totalsSchema,
});

/** See {@link overviewSchema}. */
export type Overview = z.infer<typeof overviewSchema>;

const indexed = z.object({
  channel: z.string().catch('unknown'),
  locale: z.string().optional().catch(undefined),
  consent: z.boolean().optional().catch(undefined),
  active: z.boolean().optional().catch(undefined),
  seen: z.number().optional().catch(undefined),
  province: z.string().min(1).optional().catch(undefined),
  category: z.string().min(1).optional().catch(undefined),
});

const bump = (record: Record<string, number>, key: string) => {
  record[key] = (record[key] ?? 0) + 1;
};

/** Users by channel and language, and how many were active lately, from the audience index. */
export async function userFigures(
  store: AudienceStore & FigureStore & JobStore & CoordinationStore,
  now: number,
): Promise<Overview['users']> {
  const today = zonedDayNumber(now);
  const users: Overview['users'] = {
    total: 0,
    byChannel: {},
    byLocale: {},
    consented: 0,
    inactive: 0,
    active7: 0,
    active30: 0,
    byProvince: {},
    byCategory: {},
    truncated: false,
  };
  let cursor = '0';
  do {
    const page = await store.scanUsers(cursor, 1000);
    for (const { data } of page.users) {
      const user = indexed.safeParse(data);
      if (!user.success) continue;
      users.total += 1;
      bump(users.byChannel, user.data.channel);
      bump(users.byLocale, user.data.locale ?? 'unknown');
      if (user.data.consent === true) users.consented += 1;
      if (user.data.active === false) users.inactive += 1;
      const seen = user.data.seen;
      if (seen !== undefined && seen > today - 7) users.active7 += 1;
      if (seen !== undefined && seen > today - 30) users.active30 += 1;
      if (user.data.province !== undefined) bump(users.byProvince, user.data.province);
      if (user.data.category !== undefined) bump(users.byCategory, user.data.category);
    }
    cursor = page.cursor;
    if (users.total >= MAX_SCANNED && cursor !== '0') {
      users.truncated = true;
      break;
    }
  } while (cursor !== '0');
  return users;
}

/**
 * The overview, computed at most once a minute (the figures are cached in the store);
 * `totals` reads the survey and course totals (the caller knows the catalogues).
 */
export async function overview(
  store: AudienceStore & FigureStore & JobStore & CoordinationStore,
  now: number,
  totals: () => Promise<Totals>,
): Promise<Overview> {
  const cached = overviewSchema.safeParse(await store.cacheGet('admin-overview'));
  if (cached.success) return cached.data;
  const days = lastDays(now, TREND_DAYS);
  const [users, counters, jobIds, perDay, sums] = await Promise.all([
    userFigures(store, now),
    store.counters(),
    store.listJobs(JOBS_LOOKED_AT),
    store.dayStats(days),
    totals(),
  ]);
  const states = await Promise.all(jobIds.map((id) => store.jobState(id)));
  const jobs = { scheduled: 0, running: 0, done: 0, cancelled: 0 };
  for (const state of states)
    if (state !== null && state in jobs) jobs[state as keyof typeof jobs]++;
  const result: Overview = {
    generatedAt: new Date(now).toISOString(),
    timeZone: TIME_ZONE.id,
    users,
    checks: CHECK_NAMES.map((check) => ({
      check,
      started: counters[`flow:${check}:started`] ?? 0,
      completed: counters[`flow:${check}:completed`] ?? 0,
    })),
    turns: counters.turns ?? 0,
    jobs,
    days: days.map((day) => ({ day, ...(perDay[day] ?? { new: 0, active: 0, messages: 0 }) })),
    totals: sums,
  };
  await store.cacheSet('admin-overview', result, OVERVIEW_CACHE_SECONDS);
  return result;
}
