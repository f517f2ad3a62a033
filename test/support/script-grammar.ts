/**
 * Grammar checks for the few Stata and SPSS commands the analysis scripts emit (neither tool
 * can be installed here). Each checker tokenises by the tool's documented rules and accepts
 * exactly the command shapes we write, tracking which variables and labels exist, and
 * returns every problem it finds (an empty list when the script is well formed).
 *
 * Stata (do-files, `#delimit cr`): one command per line; a line ending in ` ///` continues
 * on the next; `*` starts a comment line; strings are `"…"` or compound `` `"…"' ``, and
 * `` ` `` or `$` inside them must be escaped with `\` (else they expand as macros); names are
 * 1-32 letters, digits or `_`, not starting with a digit; variable labels at most 80
 * characters.
 *
 * SPSS (syntax files): a command starts in column 1, continuation lines are indented, the
 * command ends with a `.` as the last character of a line (outside quotes); strings are
 * `'…'` or `"…"` with the quote doubled inside and never span lines; names at most 64 bytes
 * starting with a letter, not a reserved word; variable labels at most 256 bytes, value
 * labels at most 120 bytes.
 */

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'punct'; text: string };

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Stata tokens of one logical line. */
function stataTokens(line: string, problems: string[], where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === ' ') {
      i++;
    } else if (ch === '`' && line[i + 1] === '"') {
      const end = line.indexOf(`"'`, i + 2);
      if (end < 0) {
        problems.push(`${where}: unterminated compound string`);
        return tokens;
      }
      const text = line.slice(i + 2, end);
      if (/(^|[^\\])[`$]/.test(text))
        problems.push(`${where}: unescaped macro character in ${text}`);
      tokens.push({ kind: 'string', text: text.replace(/\\([`$])/g, '$1') });
      i = end + 2;
    } else if (ch === '"') {
      const end = line.indexOf('"', i + 1);
      if (end < 0) {
        problems.push(`${where}: unterminated string`);
        return tokens;
      }
      tokens.push({ kind: 'string', text: line.slice(i + 1, end) });
      i = end + 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i))!;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else if (/[-0-9]/.test(ch)) {
      const m = /^-?[0-9]+/.exec(line.slice(i));
      if (!m) {
        problems.push(`${where}: stray ${ch}`);
        return tokens;
      }
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (ch === '.' && /^\.[a-z](?![A-Za-z0-9_])/.test(line.slice(i))) {
      // An extended missing value, .a to .z.
      tokens.push({ kind: 'number', text: line.slice(i, i + 2) });
      i += 2;
    } else if (line.startsWith('==', i)) {
      tokens.push({ kind: 'punct', text: '==' });
      i += 2;
    } else if ('=,().\\'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else {
      problems.push(`${where}: unexpected character ${JSON.stringify(ch)}`);
      return tokens;
    }
  }
  return tokens;
}

const STATA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

/** Every problem in a Stata do-file made of the commands the export writes. */
export function checkStata(script: string): string[] {
  const problems: string[] = [];
  const raw = script.split('\n');
  if (raw.at(-1) !== '') problems.push('the file must end with a line break');
  const commands: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  raw.forEach((line, n) => {
    if (line.includes('\r')) problems.push(`line ${n + 1}: carriage return`);
    const continues = / \/\/\/$/.test(line);
    const body = continues ? line.slice(0, -4) : line;
    if (body.includes('///')) problems.push(`line ${n + 1}: /// not at the end of the line`);
    if (pending) pending.text += ` ${body}`;
    else pending = { text: body, line: n + 1 };
    if (!continues) {
      commands.push(pending);
      pending = undefined;
    }
  });
  if (pending) problems.push(`line ${pending.line}: /// on the last line`);

  const vars = new Set<string>();
  const labels = new Set<string>();
  const name = (t: Token | undefined, where: string): string => {
    if (t?.kind !== 'word' || !STATA_NAME.test(t.text)) {
      problems.push(`${where}: not a valid name: ${t?.text}`);
      return '';
    }
    return t.text;
  };
  const variable = (t: Token | undefined, where: string): string => {
    const v = name(t, where);
    if (v && !vars.has(v)) problems.push(`${where}: no variable ${v}`);
    return v;
  };
  const expect = (t: Token | undefined, text: string, where: string) => {
    if (t?.text !== text) problems.push(`${where}: expected ${text}, got ${t?.text}`);
  };
  const end = (tokens: Token[], at: number, where: string) => {
    if (tokens.length > at) problems.push(`${where}: trailing ${tokens[at]!.text}`);
  };

  for (const { text, line } of commands) {
    const where = `line ${line}`;
    if (text.trim() === '' || text.startsWith('*')) continue;
    if (text.startsWith(' ')) problems.push(`${where}: command does not start the line`);
    const tk = stataTokens(text, problems, where);
    const words = tk.map((t) => t.text);
    const head = words.slice(0, 2).join(' ');
    if (words[0] === 'version') {
      if (tk[1]?.kind !== 'number' || Number(tk[1].text) < 14)
        problems.push(`${where}: version 14+`);
      end(tk, 2, where);
    } else if (words[0] === 'clear') {
      end(tk, 1, where);
    } else if (head === 'import delimited') {
      expect(tk[2], 'using', where);
      if (tk[3]?.kind !== 'string') problems.push(`${where}: using needs a file name`);
      expect(tk[4], ',', where);
      let columns = 0;
      let i = 5;
      const allowed = [
        'varnames',
        'rowrange',
        'encoding',
        'delimiters',
        'bindquotes',
        'stringcols',
        'clear',
      ];
      while (i < tk.length) {
        const option = tk[i]!.text;
        if (!allowed.includes(option)) problems.push(`${where}: unknown option ${option}`);
        i++;
        if (option === 'clear') continue;
        expect(tk[i], '(', where);
        i++;
        const args: Token[] = [];
        while (i < tk.length && tk[i]!.text !== ')') args.push(tk[i++]!);
        expect(tk[i], ')', where);
        i++;
        if (option === 'stringcols') {
          if (args.length === 0 || args.some((a) => a.kind !== 'number'))
            problems.push(`${where}: stringcols takes column numbers`);
        }
        if (option === 'encoding' && args[0]?.text.toLowerCase() !== 'utf-8')
          problems.push(`${where}: encoding must be utf-8`);
      }
      columns = (script.match(/^rename v\d+ /gm) ?? []).length;
      for (let c = 1; c <= columns; c++) vars.add(`v${c}`);
    } else if (words[0] === 'rename') {
      const from = variable(tk[1], where);
      const to = name(tk[2], where);
      if (vars.has(to) && to !== from) problems.push(`${where}: ${to} exists already`);
      vars.delete(from);
      vars.add(to);
      end(tk, 3, where);
    } else if (head === 'label variable') {
      variable(tk[2], where);
      if (tk[3]?.kind !== 'string') problems.push(`${where}: label variable needs a string`);
      else if ([...tk[3].text].length > 80)
        problems.push(`${where}: variable label over 80 characters`);
      end(tk, 4, where);
    } else if (head === 'label define') {
      const label = name(tk[2], where);
      let i = 3;
      const seen = new Set<string>();
      while (i < tk.length && tk[i]!.text !== ',') {
        if (tk[i]?.kind !== 'number') problems.push(`${where}: value labels need integer values`);
        if (tk[i + 1]?.kind !== 'string')
          problems.push(`${where}: value ${tk[i]?.text} needs a label`);
        if (seen.has(tk[i]!.text)) problems.push(`${where}: value ${tk[i]!.text} twice`);
        seen.add(tk[i]!.text);
        i += 2;
      }
      if (seen.size === 0) problems.push(`${where}: label define without values`);
      if (i < tk.length) {
        expect(tk[i + 1], 'replace', where);
        end(tk, i + 2, where);
      }
      labels.add(label);
    } else if (head === 'label values') {
      variable(tk[2], where);
      const label = name(tk[3], where);
      if (!labels.has(label)) problems.push(`${where}: label ${label} not defined`);
      end(tk, 4, where);
    } else if (words[0] === 'generate') {
      expect(tk[1], 'long', where);
      const v = name(tk[2], where);
      if (vars.has(v)) problems.push(`${where}: ${v} exists already`);
      expect(tk[3], '=', where);
      expect(tk[4], '.', where);
      expect(tk[5], ',', where);
      expect(tk[6], 'after', where);
      expect(tk[7], '(', where);
      variable(tk[8], where);
      expect(tk[9], ')', where);
      end(tk, 10, where);
      vars.add(v);
    } else if (words[0] === 'replace' && tk[3]?.kind === 'string') {
      // replace x = "" if inlist(x, "-97", "-98", "-99"): string missing codes blanked.
      const v = variable(tk[1], where);
      expect(tk[2], '=', where);
      if (tk[3].text !== '') problems.push(`${where}: blank with ""`);
      expect(tk[4], 'if', where);
      expect(tk[5], 'inlist', where);
      expect(tk[6], '(', where);
      if (variable(tk[7], where) !== v) problems.push(`${where}: inlist of another variable`);
      let i = 8;
      while (tk[i]?.text === ',') {
        if (tk[i + 1]?.kind !== 'string') problems.push(`${where}: inlist takes strings here`);
        i += 2;
      }
      if (i === 8) problems.push(`${where}: inlist without values`);
      expect(tk[i], ')', where);
      end(tk, i + 1, where);
    } else if (words[0] === 'mvdecode') {
      // mvdecode x, mv(-97=.a \ -98=.b \ -99=.c)
      variable(tk[1], where);
      expect(tk[2], ',', where);
      expect(tk[3], 'mv', where);
      expect(tk[4], '(', where);
      let i = 5;
      for (;;) {
        if (tk[i]?.kind !== 'number' || tk[i]!.text.startsWith('.'))
          problems.push(`${where}: mv() maps a number`);
        expect(tk[i + 1], '=', where);
        if (!/^\.[a-z]$/.test(tk[i + 2]?.text ?? ''))
          problems.push(`${where}: mv() maps to .a to .z, got ${tk[i + 2]?.text}`);
        i += 3;
        if (tk[i]?.text !== '\\') break;
        i++;
      }
      expect(tk[i], ')', where);
      end(tk, i + 1, where);
    } else if (words[0] === 'replace') {
      variable(tk[1], where);
      expect(tk[2], '=', where);
      if (tk[3]?.kind !== 'number') problems.push(`${where}: replace with a number`);
      expect(tk[4], 'if', where);
      variable(tk[5], where);
      expect(tk[6], '==', where);
      if (tk[7]?.kind !== 'string') problems.push(`${where}: compare with a string`);
      end(tk, 8, where);
    } else if (words[0] === 'drop') {
      vars.delete(variable(tk[1], where));
      end(tk, 2, where);
    } else {
      problems.push(`${where}: unknown command ${words[0]}`);
    }
  }
  return problems;
}

/** SPSS tokens of one command (its lines joined). */
function spssTokens(text: string, problems: string[], where: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\n') {
      i++;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= text.length || text[j] === '\n') {
          problems.push(`${where}: string not closed on its line`);
          return tokens;
        }
        if (text[j] === ch) {
          if (text[j + 1] === ch) {
            value += ch;
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else if (/[A-Za-z@#$]/.test(ch)) {
      const m = /^[A-Za-z@#$][A-Za-z0-9_.@#$]*/.exec(text.slice(i))!;
      const word = m[0].replace(/\.+$/, '');
      tokens.push({ kind: 'word', text: word });
      i += word.length;
    } else if (/[-0-9]/.test(ch)) {
      const m = /^-?[0-9]+(\.[0-9]+)?/.exec(text.slice(i));
      if (!m) {
        problems.push(`${where}: stray ${ch}`);
        return tokens;
      }
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if ('/=.(),'.includes(ch)) {
      tokens.push({ kind: 'punct', text: ch });
      i++;
    } else {
      problems.push(`${where}: unexpected character ${JSON.stringify(ch)}`);
      return tokens;
    }
  }
  return tokens;
}

const SPSS_RESERVED = new Set('ALL AND BY EQ GE GT LE LT NE NOT OR TO WITH'.split(' '));

/** Every problem in an SPSS syntax file made of the commands the export writes. */
export function checkSpss(script: string): string[] {
  const problems: string[] = [];
  const lines = script.split('\n');
  if (lines.at(-1) !== '') problems.push('the file must end with a line break');
  lines.pop();
  const commands: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  lines.forEach((line, n) => {
    if (line.includes('\r')) problems.push(`line ${n + 1}: carriage return`);
    const starts = line !== '' && line[0] !== ' ';
    if (starts && current)
      problems.push(`line ${n + 1}: new command before "." ended line ${current.line}`);
    if (!starts && !current && line.trim() !== '')
      problems.push(`line ${n + 1}: indented line outside a command`);
    if (starts && !current) current = { text: '', line: n + 1 };
    if (!current) return;
    current.text += `${line}\n`;
    // A command ends with "." as the last character of a line, outside a string.
    const quotes = (line.match(/'/g) ?? []).length + (line.match(/"/g) ?? []).length;
    if (line.endsWith('.') && (quotes % 2 === 0 || line.startsWith('*'))) {
      commands.push(current);
      current = undefined;
    }
  });
  if (current) problems.push(`line ${current.line}: command never ends with "."`);

  const vars = new Map<string, 'string' | 'number'>();
  const name = (t: Token | undefined, where: string): string => {
    const ok =
      t?.kind === 'word' &&
      /^[A-Za-z][A-Za-z0-9_]*$/.test(t.text) &&
      bytes(t.text) <= 64 &&
      !SPSS_RESERVED.has(t.text.toUpperCase());
    if (!ok) problems.push(`${where}: not a valid variable name: ${t?.text}`);
    return t?.text ?? '';
  };
  const variable = (t: Token | undefined, where: string) => {
    const v = name(t, where);
    if (!vars.has(v.toLowerCase())) problems.push(`${where}: no variable ${v}`);
    return vars.get(v.toLowerCase());
  };
  const expect = (t: Token | undefined, text: string, where: string) => {
    if (t?.text !== text) problems.push(`${where}: expected ${text}, got ${t?.text}`);
  };
  const label = (t: Token | undefined, max: number, where: string) => {
    if (t?.kind !== 'string') problems.push(`${where}: expected a quoted label, got ${t?.text}`);
    else if (bytes(t.text) > max) problems.push(`${where}: label over ${max} bytes`);
  };

  for (const { text, line } of commands) {
    const where = `line ${line}`;
    if (text.startsWith('*')) continue;
    const tk = spssTokens(text, problems, where);
    if (tk.at(-1)?.text !== '.') problems.push(`${where}: no terminator`);
    tk.pop();
    const head = tk
      .slice(0, 2)
      .map((t) => t.text.toUpperCase())
      .join(' ');
    if (head === 'SET UNICODE') {
      if (tk[2]?.text !== '=' || tk[3]?.text.toUpperCase() !== 'ON')
        problems.push(`${where}: SET UNICODE=ON`);
    } else if (head === 'GET DATA') {
      const sub = new Map<string, Token[]>();
      let i = 2;
      while (i < tk.length) {
        if (tk[i]?.text !== '/') {
          problems.push(`${where}: expected /subcommand, got ${tk[i]?.text}`);
          break;
        }
        const key = tk[i + 1]!.text.toUpperCase();
        if (tk[i + 2]?.text !== '=') problems.push(`${where}: /${key} needs =`);
        i += 3;
        const args: Token[] = [];
        while (i < tk.length && tk[i]!.text !== '/') args.push(tk[i++]!);
        sub.set(key, args);
      }
      const required = [
        'TYPE',
        'FILE',
        'ENCODING',
        'ARRANGEMENT',
        'DELIMITERS',
        'QUALIFIER',
        'FIRSTCASE',
        'VARIABLES',
      ];
      for (const key of required)
        if (!sub.has(key)) problems.push(`${where}: GET DATA without /${key}`);
      for (const key of sub.keys())
        if (![...required, 'DELCASE'].includes(key)) problems.push(`${where}: unknown /${key}`);
      if (sub.get('TYPE')?.[0]?.text.toUpperCase() !== 'TXT') problems.push(`${where}: /TYPE=TXT`);
      if (sub.get('FILE')?.[0]?.kind !== 'string')
        problems.push(`${where}: /FILE needs a quoted name`);
      if (sub.get('ENCODING')?.[0]?.text !== 'UTF8') problems.push(`${where}: /ENCODING='UTF8'`);
      const list = sub.get('VARIABLES') ?? [];
      if (list.length === 0 || list.length % 2 !== 0)
        problems.push(`${where}: /VARIABLES needs name format pairs`);
      for (let j = 0; j + 1 < list.length; j += 2) {
        const v = name(list[j], where);
        const format = list[j + 1]!.text;
        const string = /^A([0-9]+)$/.exec(format);
        if (string && (Number(string[1]) < 1 || Number(string[1]) > 32767))
          problems.push(`${where}: string width ${format}`);
        if (!string && !/^F[0-9]+(\.[0-9]+)?$/.test(format))
          problems.push(`${where}: bad format ${format}`);
        if (vars.has(v.toLowerCase())) problems.push(`${where}: ${v} twice`);
        vars.set(v.toLowerCase(), string ? 'string' : 'number');
      }
    } else if (head === 'VARIABLE LABELS') {
      let i = 2;
      while (i < tk.length) {
        if (i > 2) {
          if (tk[i]?.text !== '/') problems.push(`${where}: expected /, got ${tk[i]?.text}`);
          i++;
        }
        variable(tk[i], where);
        label(tk[i + 1], 256, where);
        i += 2;
      }
    } else if (head === 'VALUE LABELS') {
      let i = 2;
      while (i < tk.length) {
        if (i > 2) {
          if (tk[i]?.text !== '/') problems.push(`${where}: expected /, got ${tk[i]?.text}`);
          i++;
        }
        const type = variable(tk[i], where);
        i++;
        let values = 0;
        while (i < tk.length && tk[i]!.text !== '/') {
          const value = tk[i]!;
          if (type === 'string' && value.kind !== 'string')
            problems.push(`${where}: string values are quoted`);
          if (type === 'number' && value.kind !== 'number')
            problems.push(`${where}: numeric values are numbers`);
          label(tk[i + 1], 120, where);
          i += 2;
          values++;
        }
        if (values === 0) problems.push(`${where}: VALUE LABELS without values`);
      }
    } else if (head === 'MISSING VALUES') {
      // Groups "names (v1, v2, v3)" separated by "/"; at most three values, typed as the variables.
      let i = 2;
      while (i < tk.length) {
        if (i > 2) {
          if (tk[i]?.text !== '/') problems.push(`${where}: expected /, got ${tk[i]?.text}`);
          i++;
        }
        const types = new Set<string | undefined>();
        while (i < tk.length && tk[i]!.text !== '(') types.add(variable(tk[i++], where));
        if (types.size === 0) problems.push(`${where}: MISSING VALUES without variables`);
        if (types.size > 1) problems.push(`${where}: string and numeric variables in one group`);
        expect(tk[i], '(', where);
        i++;
        let values = 0;
        while (i < tk.length && tk[i]!.text !== ')') {
          if (values > 0) {
            expect(tk[i], ',', where);
            i++;
          }
          const value = tk[i]!;
          if (types.has('string') && (value.kind !== 'string' || bytes(value.text) > 8))
            problems.push(`${where}: string missing values are quoted, 8 bytes at most`);
          if (types.has('number') && value.kind !== 'number')
            problems.push(`${where}: numeric missing values are numbers`);
          values++;
          i++;
        }
        if (values === 0 || values > 3) problems.push(`${where}: one to three missing values`);
        expect(tk[i], ')', where);
        i++;
      }
    } else if (head.startsWith('EXECUTE')) {
      if (tk.length !== 1) problems.push(`${where}: EXECUTE takes nothing`);
    } else {
      problems.push(`${where}: unknown command ${head}`);
    }
  }
  return problems;
}
