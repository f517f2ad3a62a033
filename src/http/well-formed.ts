import type { MiddlewareHandler } from 'hono';
import { apiLocale, badRequest, fieldIssue } from './bad-request';
import type { AppEnv } from './types';

/**
 * Where in a JSON value a string (or an object key) holds a lone UTF-16 surrogate, as a
 * field path (`messages.0.text`), or undefined when all text is well formed. Iterative, so
 * a deeply nested body cannot exhaust the stack.
 */
export function illFormedPath(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (!item.isWellFormed()) return path || 'body';
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        const at = path ? `${path}.${key}` : key;
        if (!key.isWellFormed()) return path || 'body';
        stack.push([child, at]);
      }
    }
  }
  return undefined;
}

/**
 * Refuse a JSON body carrying text that is not valid Unicode (a lone surrogate) with a 400
 * naming the field, before any route turns it into a key or a record. Bodies that are not
 * JSON pass through untouched; each route answers those itself.
 */
export function wellFormedJson(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = c.req.header('Content-Type') ?? '';
    if (c.req.method !== 'POST' && c.req.method !== 'PUT') return next();
    if (!type.includes('json')) return next();
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      return next();
    }
    const field = illFormedPath(body);
    if (field === undefined) return next();
    return c.json(badRequest([fieldIssue(field || 'body', 'bad_text')], apiLocale(c)), 400);
  };
}
