import type { z } from 'zod';
import { flowSchemaFor, type Flow } from '../core/flow';
import { LOCALES, type Locale } from '../core/message';
import type { StepRegistry } from '../core/steps';
import type { Text } from '../core/text';
import { checkFlow } from './check-flow';
import { compileAdvice } from './compile-advice';
import { compileCourses } from './compile-courses';
import { compileKnowledge } from './compile-knowledge';
import { checkLessonLinks } from './compile-lessons';
import { compileSurveys } from './compile-surveys';
import type {
  commandsFileSchema,
  keywordsFileSchema,
  listFileSchema,
  menuFileSchema,
} from './schema';
import { i18nChecker, parseFile } from './parse-file';
import type { ContentBundle } from './schema';
import type { ContentError, SourceFile } from './source';

export { formatContentError, type ContentError, type SourceFile } from './source';

/** The outcome of compiling content. */
export type CompileResult =
  { ok: true; bundle: ContentBundle } | { ok: false; errors: ContentError[] };

/**
 * What the composition root registered that content may name: the step types flows use
 * and the actions `run_action` runs (see `src/domains.ts`).
 */
export interface Registered {
  actions: readonly string[];
  steps: StepRegistry;
}

/**
 * Validate every content file with the runtime's schemas, check references across files
 * (nodes, flows, lists, variables, i18n keys) and build the bundle the Worker imports.
 * Pure: the caller reads the files.
 */
export function compileContent(
  files: SourceFile[],
  catalogues: Record<Locale, Record<string, unknown>>,
  known: Registered,
): CompileResult {
  const errors: ContentError[] = [];
  const flowSchema = flowSchemaFor(known.steps);
  const flows: Record<string, { flow: Flow; file: string }> = {};
  const lists: Record<string, { items: z.infer<typeof listFileSchema>['items']; file: string }> =
    {};
  let menu: { data: z.infer<typeof menuFileSchema>; file: string } | undefined;
  let commands: { data: z.infer<typeof commandsFileSchema>; file: string } | undefined;
  let keywords: { data: z.infer<typeof keywordsFileSchema>; file: string } | undefined;
  const adviceFiles = new Map<string, unknown>();
  const courseFiles: SourceFile[] = [];
  const surveyFiles: SourceFile[] = [];
  const knowledgeFiles: SourceFile[] = [];

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
    // The knowledge base (FAQ pairs, the lexicon) is built with the lessons and facts below.
    if (file.path.startsWith('faq/') || file.path.startsWith('ask/')) {
      knowledgeFiles.push(file);
      continue;
    }
    const parsed = parseFile(file, errors, flowSchema);
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
      actions: new Set(known.actions),
      steps: known.steps,
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
  const knowledge =
    advice.advice &&
    compileKnowledge(
      knowledgeFiles,
      courses.courses,
      advice.advice.facts,
      errors,
      allLists.provinces ?? [],
    );
  if (errors.length > 0 || !advice.advice || !knowledge) return { ok: false, errors };
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
      freeTextFlow: commands!.data.free_text,
      knowledge,
    },
  };
}
