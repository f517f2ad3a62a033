import { parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Flow } from '../core/flow';
import { LOCALES, type Locale } from '../core/message';
import { stepTypeOf } from '../core/steps';
import type { Text } from '../core/text';
import { compileAdvice } from './compile-advice';
import { compileCourses } from './compile-courses';
import { checkLessonLinks } from './compile-lessons';
import { compileSurveys } from './compile-surveys';
import type {
  commandsFileSchema,
  keywordsFileSchema,
  listFileSchema,
  menuFileSchema,
} from './schema';
import { schemaFor, type ContentBundle } from './schema';

/** One problem in content: which file, where inside it, and why. */
export interface ContentError {
  file: string;
  path: string;
  message: string;
}

/** A content file as read from disk: its path under `content/` and its text. */
export interface SourceFile {
  path: string;
  text: string;
}

/** The outcome of compiling content. */
export type CompileResult =
  { ok: true; bundle: ContentBundle } | { ok: false; errors: ContentError[] };

/** Format an error the way a person fixing the file wants to read it. */
export function formatContentError(e: ContentError): string {
  return `content/${e.file}${e.path ? ` at ${e.path}` : ''}: ${e.message}`;
}

/**
 * Validate every content file with the runtime's schemas, check references across files
 * (nodes, flows, lists, variables, i18n keys) and build the bundle the Worker imports.
 * Pure: the caller reads the files.
 */
export function compileContent(
  files: SourceFile[],
  catalogues: Record<Locale, Record<string, unknown>>,
  known: { actions?: readonly string[] } = {},
): CompileResult {
  const errors: ContentError[] = [];
  const flows: Record<string, { flow: Flow; file: string }> = {};
  const lists: Record<string, { items: z.infer<typeof listFileSchema>['items']; file: string }> =
    {};
  let menu: { data: z.infer<typeof menuFileSchema>; file: string } | undefined;
  let commands: { data: z.infer<typeof commandsFileSchema>; file: string } | undefined;
  let keywords: { data: z.infer<typeof keywordsFileSchema>; file: string } | undefined;
  const adviceFiles = new Map<string, unknown>();
  const courseFiles: SourceFile[] = [];
  const surveyFiles: SourceFile[] = [];

  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    // Courses are Markdown lessons with front matter beside a course.yaml: their own build.
    if (file.path.startsWith('courses/')) {
      courseFiles.push(file);
      continue;
    }
    // Surveys are checked by the survey validator, the same one the admin API uses.
    if (file.path.startsWith('surveys/')) {
      surveyFiles.push(file);
      continue;
    }
    const parsed = parseFile(file, errors);
    if (parsed === undefined) continue;
    const { kind, data } = parsed;
    if (kind === 'flow') {
      const flow = data as Flow;
      const expected = file.path
        .replace(/^(flows|advice)\//, '')
        .replace(/\.ya?ml$/, '')
        .replace(/-/g, '_');
      if (flow.id !== expected)
        errors.push({
          file: file.path,
          path: 'id',
          message: `must be "${expected}" (the file name)`,
        });
      if (flows[flow.id])
        errors.push({ file: file.path, path: 'id', message: `duplicate flow "${flow.id}"` });
      flows[flow.id] = { flow, file: file.path };
    } else if (kind === 'list') {
      const list = data as z.infer<typeof listFileSchema>;
      lists[list.id] = { items: list.items, file: file.path };
    } else if (kind === 'menu') {
      menu = { data: data as z.infer<typeof menuFileSchema>, file: file.path };
    } else if (kind === 'keywords') {
      keywords = { data: data as z.infer<typeof keywordsFileSchema>, file: file.path };
    } else if (kind === 'advice') {
      adviceFiles.set(file.path, data);
    } else {
      commands = { data: data as z.infer<typeof commandsFileSchema>, file: file.path };
    }
  }

  const keyExists = i18nChecker(catalogues);
  const checkText = (text: Text, file: string, path: string) => {
    if (typeof text !== 'string') return;
    const missing = LOCALES.filter((locale) => !keyExists(locale, text));
    if (missing.length > 0)
      errors.push({
        file,
        path,
        message: `i18n key "${text}" is missing in ${missing.join(', ')}`,
      });
  };

  const menuItems = (menu?.data.items ?? []).map((item, i) => {
    if (!flows[item.flow])
      errors.push({
        file: menu!.file,
        path: `items[${i}].flow`,
        message: `unknown flow "${item.flow}"`,
      });
    checkText(item.label, menu!.file, `items[${i}].label`);
    return { id: item.flow, label: item.label };
  });
  const allLists: Record<string, readonly { id: string; label: Text; aliases?: string[] }[]> = {
    ...Object.fromEntries(
      Object.entries(lists).map(([id, l]) => [
        id,
        l.items.map(({ source: _source, ...item }) => item),
      ]),
    ),
    ...(menu ? { menu: menuItems } : {}),
  };
  const courses = compileCourses(courseFiles, errors);
  for (const [id, items] of Object.entries(courses.lists)) {
    if (allLists[id])
      errors.push({
        file: `lists/${id}.yaml`,
        path: 'id',
        message: `"${id}" is built from content/courses`,
      });
    allLists[id] = items;
  }

  for (const { flow, file } of Object.values(flows)) {
    checkFlow(flow, file, {
      flows,
      lists: allLists,
      errors,
      checkText,
      actions: new Set(known.actions ?? []),
    });
  }

  if (!commands) {
    errors.push({ file: 'commands.yaml', path: '', message: 'file is missing' });
  } else {
    const { data, file } = commands;
    for (const [command, flowId] of Object.entries(data.commands)) {
      if (!flows[flowId])
        errors.push({ file, path: `commands.${command}`, message: `unknown flow "${flowId}"` });
    }
    if (!data.commands.start)
      errors.push({ file, path: 'commands', message: 'a "start" command is required' });
    if (!flows[data.fallback])
      errors.push({ file, path: 'fallback', message: `unknown flow "${data.fallback}"` });
  }

  const advice = compileAdvice({
    files: adviceFiles,
    keywords: keywords && { routes: keywords.data.routes, file: keywords.file },
    flows,
    lists: allLists,
    errors,
    checkText,
  });

  checkLessonLinks(advice.advice, allLists.lessons ?? [], errors);
  const surveys = compileSurveys(surveyFiles, errors);
  if (errors.length > 0 || !advice.advice) return { ok: false, errors };
  return {
    ok: true,
    bundle: {
      flows: Object.fromEntries(Object.entries(flows).map(([id, f]) => [id, f.flow])),
      lists: Object.fromEntries(Object.entries(allLists).map(([id, items]) => [id, [...items]])),
      commands: commands!.data.commands,
      fallbackFlow: commands!.data.fallback,
      keywords: advice.keywords,
      advice: advice.advice,
      courses: courses.courses,
      surveys,
    },
  };
}

function parseFile(
  file: SourceFile,
  errors: ContentError[],
): { kind: string; data: unknown } | undefined {
  if (!/\.ya?ml$/.test(file.path)) return undefined;
  const target = schemaFor(file.path);
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

interface FlowCheck {
  flows: Record<string, unknown>;
  lists: Record<string, readonly { id: string }[]>;
  errors: ContentError[];
  checkText: (text: Text, file: string, path: string) => void;
  actions: ReadonlySet<string>;
}

function checkFlow(flow: Flow, file: string, check: FlowCheck): void {
  const { errors } = check;
  const ids = new Set<string>();
  flow.nodes.forEach((node, i) => {
    if (ids.has(node.id))
      errors.push({ file, path: `nodes[${i}].id`, message: `duplicate node id "${node.id}"` });
    ids.add(node.id);
  });
  if (flow.start && !ids.has(flow.start))
    errors.push({ file, path: 'start', message: `unknown node "${flow.start}"` });

  // Which list or static choices wrote each variable, to check dynamic flow jumps.
  const written = new Map<string, { ids: string[] | undefined }>();
  // A flow a command opens gets what followed the command (`/start course_x`) as `args`.
  written.set('args', { ids: undefined });
  flow.nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    const refs = stepTypeOf(node).refs(node);
    for (const target of refs.nodes) {
      if (!ids.has(target))
        errors.push({ file, path: at, message: `unknown node "${target}" in ${node.id}` });
    }
    for (const name of refs.reads) {
      if (!written.has(name)) {
        const later = flow.nodes.slice(i + 1).some((n) => stepTypeOf(n).refs(n).writes === name);
        errors.push({
          file,
          path: at,
          message: later
            ? `"${name}" is answered only after ${node.id} (forward reference)`
            : `unknown variable "${name}"`,
        });
      }
    }
    for (const target of refs.flows) {
      if (!check.flows[target])
        errors.push({ file, path: at, message: `unknown flow "${target}"` });
    }
    for (const action of refs.actions ?? []) {
      if (!check.actions.has(action))
        errors.push({ file, path: at, message: `unknown action "${action}"` });
    }
    for (const list of refs.lists) {
      if (!check.lists[list]) errors.push({ file, path: at, message: `unknown list "${list}"` });
    }
    refs.texts.forEach((text) => check.checkText(text, file, at));
    if (node.type === 'goto_flow' && node.from) {
      for (const target of written.get(node.from)?.ids ?? []) {
        if (!check.flows[target])
          errors.push({
            file,
            path: at,
            message: `"${node.from}" may name "${target}", which is not a flow`,
          });
      }
    }
    if (refs.writes) {
      const choiceIds =
        node.type === 'ask_choice'
          ? (node.choices?.map((c) => c.id) ?? check.lists[node.source ?? '']?.map((c) => c.id))
          : undefined;
      written.set(refs.writes, { ids: choiceIds });
    }
  });
}

function i18nChecker(
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
