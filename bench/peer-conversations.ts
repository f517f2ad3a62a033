import {
  conversations,
  createConversation,
  type Conversation,
  type ConversationData,
  type ConversationFlavor,
  type VersionedState,
  type VersionedStateStorage,
} from '@grammyjs/conversations';
import { Bot, InlineKeyboard, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Locale } from '../src/core/message';
import { MemoryRedis } from '../src/store/memory-redis';
import { BOT_INFO, TELEGRAM } from './harness';
import { SURVEY_THANKS, type SurveyQuestion } from './survey';

type PeerContext = ConversationFlavor<Context>;
type PeerConversation = Conversation<PeerContext, Context>;

const KEY_PREFIX = 'peer:conversations:';
const TTL_SECONDS = 30 * 24 * 60 * 60;

/**
 * The conversations plugin's storage adapter over the same in-memory Redis our memory store
 * uses: JSON strings under a key per chat, with the same 30-day expiry as our conversations.
 */
function storageOver(db: MemoryRedis): VersionedStateStorage<string, ConversationData> {
  return {
    read: (key) => {
      const raw = db.get(KEY_PREFIX + key);
      return raw === undefined ? undefined : (JSON.parse(raw) as VersionedState<ConversationData>);
    },
    write: (key, state) => db.setString(KEY_PREFIX + key, JSON.stringify(state), TTL_SECONDS),
    delete: (key) => db.del(KEY_PREFIX + key),
  };
}

const YES_NO = [
  { id: 'yes', label: { 'zh-CN': '是', en: 'Yes' } },
  { id: 'no', label: { 'zh-CN': '否', en: 'No' } },
];
const PLEASE = {
  buttons: { 'zh-CN': '请点选下面的按钮。', en: 'Please use the buttons below.' },
  number: { 'zh-CN': '请输入一个数字。', en: 'Please send a number.' },
  text: { 'zh-CN': '请输入文字回答。', en: 'Please type your answer.' },
};

/**
 * The survey written the way the plugin's documentation shows: one async function that
 * asks each question with `ctx.reply` and waits with `conversation.waitForCallbackQuery`
 * (buttons) or `conversation.form.*` (typed answers), re-asking on `otherwise`. Buttons are
 * acknowledged and removed after a press, as our bot does.
 */
function surveyConversation(questions: readonly SurveyQuestion[], locale: Locale) {
  return async (conversation: PeerConversation, ctx: Context): Promise<void> => {
    const answers: Record<string, string | number> = {};
    for (const q of questions) {
      const text = q.text[locale];
      if (q.kind === 'choice' || q.kind === 'yes_no') {
        const options = q.kind === 'choice' ? (q.choices ?? []) : YES_NO;
        const keyboard = new InlineKeyboard();
        for (const o of options) keyboard.text(o.label[locale], o.id);
        await ctx.reply(text, { reply_markup: keyboard });
        const pressed = await conversation.waitForCallbackQuery(
          options.map((o) => o.id),
          { otherwise: (other) => other.reply(PLEASE.buttons[locale], { reply_markup: keyboard }) },
        );
        await pressed.answerCallbackQuery();
        await pressed.editMessageReplyMarkup();
        answers[q.id] = pressed.callbackQuery.data;
      } else if (q.kind === 'number') {
        await ctx.reply(text);
        let value = await conversation.form.number({
          otherwise: (other) => other.reply(PLEASE.number[locale]),
        });
        while (value < (q.min ?? -Infinity) || value > (q.max ?? Infinity)) {
          await ctx.reply(PLEASE.number[locale]);
          value = await conversation.form.number();
        }
        answers[q.id] = value;
      } else {
        await ctx.reply(text);
        answers[q.id] = await conversation.form.text({
          otherwise: (other) => other.reply(PLEASE.text[locale]),
        });
      }
    }
    await ctx.reply(SURVEY_THANKS[locale]);
  };
}

/** The peer bot and what it stores. */
export interface PeerSurvey {
  /** Handle one update, as a webhook would. */
  handle(update: Update): Promise<void>;
  /** Bytes the storage adapter keeps for a chat (the JSON it wrote). */
  storedBytes(chatId: number): number;
}

/**
 * The same survey as ours, as a grammY bot with `@grammyjs/conversations` 2 and a persistent
 * storage adapter; `/<id>` enters it. The bot has `botInfo`, so it makes no getMe call; its
 * Bot API calls go to whatever the process's fetch answers (see capture.ts).
 */
export function createPeerSurvey(
  id: string,
  questions: readonly SurveyQuestion[],
  locale: Locale,
): PeerSurvey {
  const db = new MemoryRedis();
  const bot = new Bot<PeerContext>(TELEGRAM.token, { botInfo: BOT_INFO });
  bot.use(conversations({ storage: { type: 'key', version: 1, adapter: storageOver(db) } }));
  bot.use(createConversation(surveyConversation(questions, locale), id));
  bot.command(id, (ctx) => ctx.conversation.enter(id));
  return {
    handle: (update) => bot.handleUpdate(update),
    storedBytes: (chatId) => Buffer.byteLength(db.get(KEY_PREFIX + chatId) ?? '', 'utf8'),
  };
}
