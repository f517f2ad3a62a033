/**
 * `npm run courses:export [-- --out=content/courses]`: the lessons trainers published
 * through the admin API (the content overlay in Upstash), written back as lesson files with
 * the same front matter as `content/courses/`, so they can go into git. Needs
 * UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (the environment or `.dev.vars`).
 * A revision of a bundled lesson replaces its file only with --force. Run `npm run content`
 * afterwards to check them.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lessonFile } from '../src/content/lesson-file';
import { storedLessonSchema } from '../src/courses/stored-lessons';
import { createUpstashStore } from '../src/store/upstash';
import { scriptEnv } from './env';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outDir = resolve(
  args.find((a) => a.startsWith('--out='))?.slice(6) ?? resolve(root, 'content/courses'),
);
const env = scriptEnv(root);
const url = env.UPSTASH_REDIS_REST_URL;
const token = env.UPSTASH_REDIS_REST_TOKEN;
if (!url || !token) {
  console.error('courses:export needs UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN');
  process.exit(2);
}
const store = createUpstashStore({ url, token, timeoutMs: 15_000 });
const overlay = await store.overlay();
let written = 0;
for (const value of Object.values(overlay.kinds.lessons)) {
  const parsed = storedLessonSchema.safeParse(value);
  if (!parsed.success) continue;
  const { course, lesson, version } = parsed.data;
  const dir = resolve(outDir, course);
  mkdirSync(dir, { recursive: true });
  for (const locale of Object.keys(lesson.title) as (keyof typeof lesson.title)[]) {
    const file = lessonFile(lesson, locale);
    // A bundled lesson of the same id keeps its file name (its order may differ in name).
    const same = new RegExp(`^\\d+-${lesson.id.replace(/_/g, '-')}\\.${locale}\\.md$`);
    const existing = readdirSync(dir).find((f) => same.test(f));
    const target = resolve(dir, existing ?? file.name);
    if (existing && !args.includes('--force')) {
      console.error(`${relative(process.cwd(), target)} exists; add --force to replace it`);
      continue;
    }
    writeFileSync(target, file.text);
    written += 1;
    console.log(`${relative(process.cwd(), target)} (version ${version})`);
  }
}
console.log(`${written} file(s) written; run npm run content to check them`);
