import type { Config } from '../config';
import type { Program } from '../core/engine';
import type { TurnDeps } from '../shell/run-turn';
import type { Logger } from '../shell/logger';
import type { Store } from '../store/port';

/** Everything the HTTP layer needs, built once by the composition root. */
export interface AppDeps {
  config: Config;
  store: Store;
  program: Program;
  log: Logger;
  now(): number;
  newId(): string;
  turn: TurnDeps;
}

/** Hono's environment for this app: dependencies travel in `c.var.deps`. */
export interface AppEnv {
  Variables: { deps: AppDeps };
}
