import type { ContentActionFactory as ActionFactory } from '../content/schema';
import type { ActionContext } from '../core/action';
import type { Outbound } from '../core/message';
import { findCourse, words } from './catalogue';

/** The role the shell gives Telegram users listed in TRAINER_TELEGRAM_IDS. */
export const TRAINER_ROLE = 'trainer';

/** What a trainer may type to leave out one language. */
const SKIP = new Set(['-', '—', 'skip', 'none', 'no', '跳过', '无', '不用']);

/** The push as typed: course and the message in each language (skipped ones left out). */
function draft(ctx: ActionContext) {
  const text = (v: unknown) =>
    typeof v === 'string' && v.trim() !== '' && !SKIP.has(v.trim().toLowerCase())
      ? v.trim()
      : undefined;
  const zh = text(ctx.input.zh);
  const en = text(ctx.input.en);
  return {
    courseId: typeof ctx.input.course === 'string' ? ctx.input.course : '',
    messages: { ...(zh ? { 'zh-CN': zh } : {}), ...(en ? { en } : {}) },
  };
}

function say(ctx: ActionContext, key: string, params?: Record<string, string>): Outbound {
  return { text: ctx.t(ctx.locale, key, params) };
}

/** Only trainers may push; everyone else is told so politely (`trainer` / `refused`). */
const pushStart: ActionFactory = () => (ctx) =>
  ctx.roles.includes(TRAINER_ROLE)
    ? { replies: [say(ctx, 'push.intro')], value: 'trainer' }
    : { replies: [say(ctx, 'push.refused')], value: 'refused' };

/** Show the push as subscribers will get it; `empty` when both languages were skipped. */
const pushPreview: ActionFactory = (content) => (ctx) => {
  const { courseId, messages } = draft(ctx);
  const course = findCourse(content.courses, courseId);
  if (!course) return { replies: [say(ctx, 'courses.unknown')], value: 'empty' };
  if (!messages['zh-CN'] && !messages.en)
    return { replies: [say(ctx, 'push.empty')], value: 'empty' };
  const missing = say(ctx, 'push.preview_missing').text;
  return {
    replies: [
      say(ctx, 'push.preview', {
        course: words(course, course.title, ctx.locale),
        zh: messages['zh-CN'] ?? missing,
        en: messages.en ?? missing,
      }),
    ],
    value: 'ok',
  };
};

/** Ask the shell for the broadcast job (it creates it once the turn is stored). */
const pushSend: ActionFactory = (content) => (ctx) => {
  const { courseId, messages } = draft(ctx);
  const course = findCourse(content.courses, courseId);
  if (!ctx.roles.includes(TRAINER_ROLE) || !course || (!messages['zh-CN'] && !messages.en))
    return { replies: [say(ctx, 'push.refused')], value: 'refused' };
  return {
    replies: [say(ctx, 'push.requested', { course: words(course, course.title, ctx.locale) })],
    value: 'ok',
    events: [{ type: 'broadcast_requested', audience: { course: course.id }, messages }],
  };
};

/** The `/push` actions. */
export const PUSH_ACTIONS: Readonly<Record<string, ActionFactory>> = {
  push_start: pushStart,
  push_preview: pushPreview,
  push_send: pushSend,
};
