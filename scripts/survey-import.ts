/**
 * `npm run survey:import -- form.xlsx [--lang=en] [--out=content/surveys] [--force]`: an
 * XLSForm as a survey YAML in content/surveys (`<form_id with - for _>.yaml`), checked by
 * the same importer and validator as `POST /admin/api/surveys/import`. Exits 1 with every
 * problem (sheet!cell: reason, in --lang, default zh-CN) when the form cannot be imported,
 * and refuses to overwrite a file unless --force. Run `npm run content` afterwards.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { LOCALES, type Locale } from '../src/core/message';
import { translate } from '../src/i18n';
import { importProblemText, importXlsForm } from '../src/surveys/xlsform';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const file = args.find((a) => !a.startsWith('--'));
const lang = (option('lang') ?? 'zh-CN') as Locale;
const outDir = resolve(option('out') ?? resolve(root, 'content/surveys'));

if (!file || !LOCALES.includes(lang)) {
  console.error(
    'usage: npm run survey:import -- form.xlsx [--lang=zh-CN|en] [--out=dir] [--force]',
  );
  process.exit(2);
}
const imported = await importXlsForm(new Uint8Array(readFileSync(file)));
if (!imported.ok) {
  console.error(`${file}: ${imported.problems.length} problem(s)`);
  for (const p of imported.problems) console.error(`  ${importProblemText(p, lang, translate)}`);
  process.exit(1);
}
const target = resolve(outDir, `${imported.survey.id.replace(/_/g, '-')}.yaml`);
if (existsSync(target) && !args.includes('--force')) {
  console.error(`${relative(process.cwd(), target)} exists; add --force to replace it`);
  process.exit(1);
}
const header = `# Imported from ${file.split('/').pop()} (XLSForm) by npm run survey:import.\n`;
mkdirSync(outDir, { recursive: true });
writeFileSync(target, header + stringify(imported.survey, { lineWidth: 100 }));
console.log(`${relative(process.cwd(), target)}: ${imported.survey.questions.length} questions`);
