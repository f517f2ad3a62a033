/**
 * Validate `content/` with the runtime's schemas and write the bundle: for Node
 * (`src/content/generated/content.json`) and, with the catalogues, as the Worker's runtime
 * data asset (`dist/assets/runtime-data.json`, see src/runtime-data.ts).
 * Exits non-zero with every problem (file, path inside it, reason) when content is broken.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeNamesSchema } from '../src/advice/rules-schema';
import { compileContent, formatContentError } from '../src/content/compile';
import { readContentDir } from '../src/content/read-dir';
import { REGISTERED } from '../src/domains';
import en from '../locales/en/translation.json' with { type: 'json' };
import zh from '../locales/zh-CN/translation.json' with { type: 'json' };
import { buildOpenApiDocs } from './openapi';
import { buildPlaceNames } from './place-names';
import { CONTENT_FILE, OPENAPI_FILE, RUNTIME_DATA_FILE } from './runtime-data';
import type { RuntimeData } from '../src/runtime-data';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const contentDir = process.argv[2] ? resolve(process.argv[2]) : resolve(root, 'content');

const result = compileContent(readContentDir(contentDir), { 'zh-CN': zh, en }, REGISTERED);
if (!result.ok) {
  console.error(
    `content is invalid (${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}):`,
  );
  for (const error of result.errors) console.error(`  ${formatContentError(error)}`);
  process.exit(1);
}
// The storytelling check's place names come from the division list (a dev dependency), not
// from YAML: only the compact names reach the bundle.
const story = result.bundle.advice.rules.storytelling;
story.place_names = placeNamesSchema.parse(buildPlaceNames(story.places.keep_suffix));
mkdirSync(dirname(CONTENT_FILE), { recursive: true });
writeFileSync(CONTENT_FILE, `${JSON.stringify(result.bundle)}\n`);
// Every part of the bundle goes to the Worker as it is: a new part needs no change here.
const openapi = buildOpenApiDocs();
writeFileSync(OPENAPI_FILE, `${JSON.stringify(openapi)}\n`);
const runtimeData: RuntimeData = { content: result.bundle, locales: { 'zh-CN': zh, en }, openapi };
mkdirSync(dirname(RUNTIME_DATA_FILE), { recursive: true });
writeFileSync(RUNTIME_DATA_FILE, `${JSON.stringify(runtimeData)}\n`);
const flows = Object.keys(result.bundle.flows).length;
const lists = Object.keys(result.bundle.lists).length;
const shown = (file: string) => file.replace(`${root}/`, '');
console.log(
  `content: ${flows} flows, ${lists} lists -> ${shown(CONTENT_FILE)}, ${shown(RUNTIME_DATA_FILE)}`,
);
