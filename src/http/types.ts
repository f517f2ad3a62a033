import type { ConsumerDeps } from '../broadcast/consumer';
import type { PlannerDeps } from '../broadcast/planner';
import type { AdminToken, Config } from '../config';
import type { Program } from '../core/engine';
import type { TurnDeps } from '../shell/run-turn';
import type { Logger } from '../shell/logger';
import type { MediaBucket } from '../shell/media';
import type { Speech } from '../shell/speech';
import type { Store } from '../store/port';
import type { SurveyServices } from '../surveys/io/services';

/** Everything the HTTP layer needs, built once by the composition root. */
export interface AppDeps {
  config: Config;
  store: Store;
  program: Program;
  log: Logger;
  now(): number;
  newId(): string;
  turn: TurnDeps;
  /** Creating and starting broadcast jobs. */
  planner: PlannerDeps;
  /** Delivering queued broadcast chunks. */
  consumer: ConsumerDeps;
  /** The survey catalogue and respondent pseudonyms (chat turns and the admin API). */
  surveys: SurveyServices;
  /** Speech to text for voice messages: present when the `AI` binding is (see shell/speech.ts). */
  speech?: Speech;
  /** Voice answers' audio: present when the `MEDIA` R2 binding is (see shell/media.ts). */
  media?: MediaBucket;
}

/** Hono's environment for this app: dependencies travel in `c.var.deps`. */
export interface AppEnv {
  /** `client`: who sent the request (see `clientOf`), read before the body limit. */
  Variables: { deps: AppDeps; actor?: AdminToken; client?: string };
}
