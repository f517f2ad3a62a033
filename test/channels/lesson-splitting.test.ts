import { describe, expect, it } from 'vitest';
import { renderTelegram, TELEGRAM_TEXT_LIMIT } from '../../src/channels/telegram/render';
import { renderWechat, WECHAT_TEXT_LIMIT_BYTES } from '../../src/channels/wechat/render';
import { content } from '../../src/content';
import { LOCALES, splitText, type Locale } from '../../src/core/message';
import { renderLesson, renderQuiz } from '../../src/courses/render';
import { translate } from '../../src/i18n';

// Lessons on the channels: every lesson fits Telegram's and WeChat's limits, and a split
// (at the channels' limits, or far smaller) falls on paragraph or line breaks, never inside
// **bold**, and loses no text.

const shipping = content.courses.find((c) => c.id === 'shipping')!;
const ctx = (locale: Locale) => ({ locale, t: translate });
const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('lessons on the channels', () => {
  it('fits every lesson of every course in the channels’ limits, split on paragraphs', () => {
    for (const c of content.courses) {
      for (const lesson of c.lessons) {
        for (const locale of LOCALES) {
          const replies = [renderLesson(ctx(locale), c, lesson)];
          const quiz = renderQuiz(ctx(locale), c, lesson);
          if (quiz) replies.push(quiz);
          for (const m of renderTelegram(replies))
            expect(m.text.length).toBeLessThanOrEqual(TELEGRAM_TEXT_LIMIT);
          for (const part of renderWechat(replies, locale, translate))
            expect(bytes(part)).toBeLessThanOrEqual(WECHAT_TEXT_LIMIT_BYTES);
          // Split much smaller than any channel: never inside bold, never losing text.
          const text = replies[0]!.text;
          const parts = splitText(text, 400, bytes);
          expect(parts.length).toBeGreaterThan(1);
          for (const part of parts) {
            expect(bytes(part)).toBeLessThanOrEqual(400);
            expect((part.match(/\*\*/g) ?? []).length % 2).toBe(0);
          }
          expect(parts.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
        }
      }
    }
  });

  it('splits a long Chinese lesson for WeChat into more than one message, each whole', () => {
    const longest = [...shipping.lessons].sort(
      (a, b) => bytes(b.body['zh-CN'] ?? '') - bytes(a.body['zh-CN'] ?? ''),
    )[0]!;
    const parts = renderWechat(
      [renderLesson(ctx('zh-CN'), shipping, longest)],
      'zh-CN',
      translate,
      600,
    );
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(bytes(part)).toBeLessThanOrEqual(600);
      expect(part).not.toContain('**');
    }
  });
});
