import { parseDocument } from 'yaml';
import type { Locale } from '../core/message';
import type { z } from 'zod';
import type { ContentError, SourceFile } from './source';
import { schemaFor } from './schema';

/**
 * Parse one YAML content file with the schema its path calls for (flows with `flowSchema`,
 * over the registered step types); problems go to `errors`.
 */
export function parseFile(
  file: SourceFile,
  errors: ContentError[],
  flowSchema?: z.ZodType,
): { kind: string; data: unknown } | undefined {
  if (!/\.ya?ml$/.test(file.path)) return undefined;
  const target = schemaFor(file.path, flowSchema);
  if (!target) {
    errors.push({
      file: file.path,
      path: '',
      message: 'no schema for this file: is it in the right folder?',
    });
    return undefined;
  }
  const doc = parseDocument(file.text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0];
      errors.push({
        file: file.path,
        path: line ? `line ${line.line}, column ${line.col}` : '',
        message: e.message.split('\n')[0] ?? e.message,
      });
    }
    return undefined;
  }
  const result = target.schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      errors.push({ file: file.path, path: formatPath(issue.path), message: issue.message });
    }
    return undefined;
  }
  return { kind: target.kind, data: result.data };
}

/** `['nodes', 3, 'next']` → `nodes[3].next`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc === '' ? String(part) : `${acc}.${String(part)}`;
  }, '');
}

/** A lookup of i18n keys in the bundled catalogues, for build-time checks. */
export function i18nChecker(
  catalogues: Record<Locale, Record<string, unknown>>,
): (locale: Locale, key: string) => boolean {
  return (locale, key) => {
    let node: unknown = catalogues[locale];
    for (const part of key.split('.')) {
      if (typeof node !== 'object' || node === null) return false;
      node = (node as Record<string, unknown>)[part];
    }
    return typeof node === 'string';
  };
}
