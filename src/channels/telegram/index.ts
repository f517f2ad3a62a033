import type { Hono } from 'hono';
import type { TelegramConfig } from '../../config';
import type { AppDeps, AppEnv } from '../../http/types';
import { pushHooks } from '../../courses/shell/push-jobs';
import { mediaDepsOf } from '../media-deps';
import { createTelegramBot, downloadTelegramFile } from './client';
import { installTelegramTurns, telegramRoutes } from './routes';

/** The Telegram channel as a hono sub-app: one bot per isolate, built with the app. */
export function telegramChannel(config: TelegramConfig, deps: AppDeps): Hono<AppEnv> {
  const bot = createTelegramBot(config);
  const hooks = pushHooks({
    planner: deps.planner,
    trainers: new Set(deps.config.trainerTelegramIds),
    log: deps.log,
    t: deps.program.t,
    audit: { store: deps.store, now: deps.now },
  });
  const media = mediaDepsOf(deps);
  installTelegramTurns(bot, {
    ...(media
      ? {
          media: {
            deps: media,
            download: (api, fileId, maxBytes) =>
              downloadTelegramFile(api, config, fileId, maxBytes),
          },
        }
      : {}),
    turn: deps.turn,
    log: deps.log,
    t: deps.program.t,
    now: deps.now,
    hooks,
    ...(deps.speech
      ? {
          voice: {
            speech: deps.speech,
            download: (api, fileId, maxBytes) =>
              downloadTelegramFile(api, config, fileId, maxBytes),
          },
        }
      : {}),
  });
  return telegramRoutes(bot, config.webhookSecret);
}
