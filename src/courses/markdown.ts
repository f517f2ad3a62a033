/**
 * Lesson files: YAML front matter between `---` lines, then a short Markdown body that may
 * use only the tiny markup every channel renders (`**bold**` and `[label](https://url)`).
 */

/** A lesson file split into its front matter text and its body. */
export interface SplitLesson {
  frontMatter: string;
  body: string;
  /** The line number (1-based) where the body starts, for error messages. */
  bodyLine: number;
}

/**
 * Split a lesson file at its front matter; undefined when it does not start with `---`.
 *
 * @example splitFrontMatter('---\nid: a\n---\nHello') // { frontMatter: 'id: a', body: 'Hello', bodyLine: 4 }
 */
export function splitFrontMatter(text: string): SplitLesson | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines[0]?.trim() !== '---') return undefined;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) return undefined;
  const rest = lines.slice(end + 1);
  // Blank lines before the text are dropped, so line numbers count from its first line.
  const leading = rest.findIndex((line) => line.trim() !== '');
  return {
    frontMatter: lines.slice(1, end).join('\n'),
    body: rest.join('\n').trim(),
    bodyLine: end + 2 + Math.max(leading, 0),
  };
}

/** One markup problem: where (1-based line of the body) and why. */
export interface MarkupProblem {
  line: number;
  message: string;
  /** Which rule (`heading`, `link`, `bold`, …), for wording it in another language. */
  rule: string;
}

const RULES: readonly { rule: string; test: RegExp; message: string }[] = [
  {
    rule: 'heading',
    test: /^\s{0,3}#{1,6}\s/,
    message: 'headings are not shown on chat channels; use **bold**',
  },
  { rule: 'image', test: /!\[[^\]]*\]\(/, message: 'images are not supported in lessons' },
  {
    rule: 'html',
    test: /<\/?[a-z][^>]*>/i,
    message: 'HTML tags are not allowed; use **bold** and [label](url)',
  },
  { rule: 'code', test: /^\s*(```|~~~)/, message: 'code blocks are not supported in lessons' },
  {
    rule: 'italics',
    test: /(^|[^*])\*[^*\s][^*]*\*(?!\*)/,
    message: 'only **bold** is supported, not *italics*',
  },
  { rule: 'underline', test: /__[^_]+__/, message: 'use **bold**, not __bold__' },
  { rule: 'quote', test: /^\s*>/, message: 'quotes are not supported in lessons' },
  { rule: 'table', test: /^\s*\|.*\|\s*$/, message: 'tables are not supported in lessons' },
];

/**
 * Check a lesson body for markup the channels cannot show: headings, images, HTML, code,
 * italics, quotes, tables, links that are not http(s), unbalanced `**`.
 */
export function checkMarkup(body: string): MarkupProblem[] {
  const problems: MarkupProblem[] = [];
  body.split('\n').forEach((text, i) => {
    const line = i + 1;
    for (const rule of RULES)
      if (rule.test.test(text)) problems.push({ line, message: rule.message, rule: rule.rule });
    for (const match of text.matchAll(/\[([^\]]*)\]\(([^)]*)\)/g)) {
      if (!/^https?:\/\/[^\s)]+$/.test(match[2] ?? ''))
        problems.push({
          line,
          message: `link "${match[0]}" must point to an http(s) address`,
          rule: 'link',
        });
    }
    if (((text.match(/\*\*/g) ?? []).length & 1) === 1)
      problems.push({
        line,
        message: '**bold** must open and close on the same line',
        rule: 'bold',
      });
  });
  return problems;
}
