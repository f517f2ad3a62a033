import type { ActionContext, ActionResult } from '../core/action';
import type { EngineEvent } from '../core/events';
import type { Outbound } from '../core/message';
import type { ContentActionFactory, ContentBundle } from '../content/schema';
import { courseText } from '../courses/course-actions';
import { renderLesson } from '../courses/render';
import { asker, MIN_CONFIDENCE, type Asker, type AskResult } from './answer';
import type { Knowledge, Passage } from './schema';
import type { LastAsked } from './slice';

/** The log trainers read: questions we could not answer well, and "not helpful" votes. */
export const QUESTIONS_LOG = 'ask:questions';
/** Answers under this confidence are shown but also logged for trainers. */
export const LOG_BELOW = 0.75;

const askers = new WeakMap<object, { extra: readonly Passage[]; asker: Asker }>();
/** The default `extra`: one shared array, so the identity check below finds the cached asker. */
const NO_EXTRA: readonly Passage[] = [];

/**
 * The asker for a knowledge base, built once per isolate (and again only when trainers'
 * answers, `extra`, change).
 */
export function askerFor(knowledge: Knowledge, extra: readonly Passage[] = NO_EXTRA): Asker {
  const known = askers.get(knowledge);
  if (known && known.extra === extra) return known.asker;
  const built = asker(knowledge, extra);
  askers.set(knowledge, { extra, asker: built });
  return built;
}

/**
 * The asker for a knowledge base as the turn or `/api/ask` sees it (trainers' answers are
 * already merged in by the content overlay, see content/overlay.ts).
 */
export function liveAsker(knowledge: Knowledge): Asker {
  return askerFor(knowledge);
}

/** One passage as a chat reply: title, text, source. */
export function renderPassage(ctx: ActionContext, p: Passage, n: number, of: number): Outbound {
  const head = of > 1 ? `${n}. ` : '';
  const title = p.title ? `**${head}${p.title}**\n` : head;
  return { text: `${title}${p.text}\n${ctx.t(ctx.locale, 'ask.source', { source: p.source })}` };
}

function logged(result: AskResult, q: string, reason: string, at: number): EngineEvent {
  const top = result.hits[0];
  return {
    type: 'recorded',
    log: QUESTIONS_LOG,
    entry: {
      q: q.slice(0, 500),
      locale: result.locale,
      at,
      reason,
      shown: result.passages.map((p) => p.id),
      ...(top ? { best: top.passage.id } : {}),
      confidence: Math.round(result.confidence * 100) / 100,
    },
  };
}

function answer(content: ContentBundle, ctx: ActionContext): ActionResult {
  const q = String(ctx.input.question ?? '')
    .trim()
    .slice(0, 500);
  const result = liveAsker(content.knowledge).ask(q);
  const last: LastAsked = { q, locale: result.locale, shown: [] };
  if (result.routedTo) {
    const check = ctx.t(ctx.locale, `ask.checks.${result.routedTo}`);
    return {
      replies: [{ text: ctx.t(ctx.locale, 'ask.routed', { check }) }],
      value: 'route',
      profile: { ask: { ...last, route: result.routedTo } },
      events: [{ type: 'counted', counter: 'ask:routed', by: 1 }],
    };
  }
  if (result.passages.length === 0) {
    return {
      replies: [{ text: ctx.t(ctx.locale, 'ask.unknown') }],
      value: 'none',
      profile: { ask: last },
      events: [
        logged(result, q, 'unknown', ctx.now),
        { type: 'counted', counter: 'ask:unknown', by: 1 },
      ],
    };
  }
  const shown = result.passages.map((p) => ({ id: p.id, ...(p.opens ? { opens: p.opens } : {}) }));
  const events: EngineEvent[] = [{ type: 'counted', counter: 'ask:answered', by: 1 }];
  if (result.confidence < LOG_BELOW) events.push(logged(result, q, 'low', ctx.now));
  return {
    replies: [
      { text: ctx.t(ctx.locale, 'ask.answer_intro') },
      ...result.passages.map((p, i) => renderPassage(ctx, p, i + 1, result.passages.length)),
    ],
    value: result.passages.length === 1 ? 'one' : 'two',
    profile: { ask: { ...last, shown } },
    events,
  };
}

/** What a button under the answer opens: a check's flow, or the lesson (then the menu). */
function open(content: ContentBundle, ctx: ActionContext): ActionResult {
  const last = ctx.profile.ask;
  const which = String(ctx.input.which ?? '');
  if (which === 'check' && last?.route) return { replies: [], value: last.route };
  const target = last?.shown[which === '2' ? 1 : 0]?.opens;
  if (!target) return { replies: [{ text: ctx.t(ctx.locale, 'ask.gone') }], value: 'menu' };
  if ('check' in target) return { replies: [], value: target.check };
  const [courseId, lessonId] = target.lesson.split('/');
  const course = content.courses.find((c) => c.id === courseId);
  const lesson = course?.lessons.find((l) => l.id === lessonId);
  if (!course || !lesson)
    return { replies: [{ text: ctx.t(ctx.locale, 'ask.gone') }], value: 'menu' };
  return { replies: [renderLesson(courseText(ctx), course, lesson)], value: 'menu' };
}

/** "Helpful" / "Not helpful": counted per passage; "not helpful" also reaches trainers. */
function feedback(_content: ContentBundle, ctx: ActionContext): ActionResult {
  const last = ctx.profile.ask;
  const helpful = ctx.input.vote === 'yes';
  const shown = last?.shown ?? [];
  const events: EngineEvent[] = shown.map((p) => ({
    type: 'counted',
    counter: `ask:${helpful ? 'helpful' : 'not_helpful'}:${p.id}`,
    by: 1,
  }));
  if (!helpful && last)
    events.push({
      type: 'recorded',
      log: QUESTIONS_LOG,
      entry: {
        q: last.q,
        locale: last.locale,
        at: ctx.now,
        reason: 'not_helpful',
        shown: shown.map((p) => p.id),
      },
    });
  return {
    replies: [
      { text: ctx.t(ctx.locale, helpful ? 'ask.thanks_helpful' : 'ask.thanks_not_helpful') },
    ],
    events,
  };
}

/** Min confidence, for the API and the evaluation. */
export { MIN_CONFIDENCE };

/** The ask actions flows may run. */
export const ASK_ACTIONS: Readonly<Record<string, ContentActionFactory>> = {
  ask_answer: (content) => (ctx) => answer(content, ctx),
  ask_open: (content) => (ctx) => open(content, ctx),
  ask_feedback: (content) => (ctx) => feedback(content, ctx),
};
