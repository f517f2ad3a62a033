/**
 * Stand-in for the `debug` package inside the Worker bundle (wrangler.toml `[alias]`):
 * @grammyjs/auto-retry logs through it, and we log JSON lines ourselves, so every
 * namespace is disabled and nothing is written.
 */
interface Debugger {
  (...args: unknown[]): void;
  enabled: boolean;
  namespace: string;
  extend(namespace: string): Debugger;
}

function createDebug(namespace = ''): Debugger {
  const log = (() => undefined) as unknown as Debugger;
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (sub: string) => createDebug(`${namespace}:${sub}`);
  return log;
}

createDebug.debug = createDebug;
createDebug.enable = () => undefined;
createDebug.disable = () => '';
createDebug.enabled = () => false;

export { createDebug as debug };
export default createDebug;
