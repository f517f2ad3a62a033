import type { Condition } from '../../core/conditions';

/**
 * XLSForm `relevant` expressions our skip logic can express, as a {@link Condition}:
 * `${q} = 'x'`, `!=`, `<`, `>`, `<=`, `>=` against a quoted text or a number,
 * `selected(${q}, 'x')`, `and`, `or`, `not(...)` and parentheses. `${q} = ''` means not
 * answered, `${q} != ''` answered.
 */

type Token =
  | { kind: 'ref'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'op'; value: '=' | '!=' | '<' | '>' | '<=' | '>=' }
  | { kind: 'word'; value: string }
  | { kind: 'punct'; value: '(' | ')' | ',' };

/** Why an expression was refused (an i18n key under `surveyTools.import`). */
export class ExpressionError extends Error {}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let m: RegExpExecArray | null;
    if (/^\s/.test(rest)) i++;
    else if ((m = /^\$\{([A-Za-z_][A-Za-z0-9_.-]*)\}/.exec(rest))) {
      out.push({ kind: 'ref', name: m[1]! });
      i += m[0].length;
    } else if ((m = /^'([^']*)'|^"([^"]*)"/.exec(rest))) {
      out.push({ kind: 'string', value: m[1] ?? m[2]! });
      i += m[0].length;
    } else if ((m = /^-?\d+(\.\d+)?/.exec(rest))) {
      out.push({ kind: 'number', value: Number(m[0]) });
      i += m[0].length;
    } else if ((m = /^(!=|<=|>=|=|<|>)/.exec(rest))) {
      out.push({ kind: 'op', value: m[1] as '=' });
      i += m[0].length;
    } else if ((m = /^[A-Za-z][A-Za-z0-9_-]*/.exec(rest))) {
      out.push({ kind: 'word', value: m[0] });
      i += m[0].length;
    } else if ('(),'.includes(rest[0]!)) {
      out.push({ kind: 'punct', value: rest[0] as '(' });
      i++;
    } else throw new ExpressionError(rest[0]!);
  }
  return out;
}

const OPS = { '=': 'eq', '!=': 'ne', '<': 'lt', '>': 'gt', '<=': 'lte', '>=': 'gte' } as const;
const FLIP = { '=': '=', '!=': '!=', '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as const;

/**
 * Parse a `relevant` expression, or throw {@link ExpressionError} with the part we cannot
 * express.
 *
 * @example parseRelevant("${sells} = 'yes' and not(selected(${platforms}, 'jd'))") // { all: [{ var: 'sells', op: 'eq', value: 'yes' }, { not: { var: 'platforms', op: 'contains', value: 'jd' } }] }
 */
export function parseRelevant(text: string): Condition {
  const tk = tokens(text);
  let at = 0;
  const peek = () => tk[at];
  const take = () => {
    const t = tk[at++];
    if (!t) throw new ExpressionError(text);
    return t;
  };
  const expect = (value: string) => {
    const t = take();
    if (!('value' in t) || t.value !== value) throw new ExpressionError(describe(t));
  };
  const isWord = (value: string) => {
    const t = peek();
    return t?.kind === 'word' && t.value === value;
  };

  function or(): Condition {
    const parts = [and()];
    while (isWord('or')) {
      at++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : { any: parts };
  }
  function and(): Condition {
    const parts = [unary()];
    while (isWord('and')) {
      at++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0]! : { all: parts };
  }
  function unary(): Condition {
    const t = take();
    if (t.kind === 'word' && t.value === 'not') {
      expect('(');
      const inner = or();
      expect(')');
      return { not: inner };
    }
    if (t.kind === 'word' && t.value === 'selected') {
      expect('(');
      const ref = take();
      expect(',');
      const value = take();
      expect(')');
      if (ref.kind !== 'ref' || value.kind !== 'string') throw new ExpressionError('selected');
      return { var: ref.name, op: 'contains', value: value.value };
    }
    if (t.kind === 'punct' && t.value === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    const op = take();
    const right = take();
    if (op.kind !== 'op') throw new ExpressionError(describe(op));
    if (
      t.kind === 'ref' &&
      right.kind !== 'ref' &&
      right.kind !== 'word' &&
      right.kind !== 'punct' &&
      right.kind !== 'op'
    )
      return compare(t.name, op.value, right.value);
    if (right.kind === 'ref' && (t.kind === 'string' || t.kind === 'number'))
      return compare(right.name, FLIP[op.value], t.value);
    throw new ExpressionError(describe(t));
  }
  const result = or();
  if (at < tk.length) throw new ExpressionError(describe(tk[at]!));
  return result;
}

function compare(name: string, op: keyof typeof OPS, value: string | number): Condition {
  if (value === '' && (op === '=' || op === '!='))
    return { var: name, op: op === '=' ? 'missing' : 'exists' };
  return { var: name, op: OPS[op], value };
}

function describe(t: Token): string {
  if (t.kind === 'ref') return `\${${t.name}}`;
  if (t.kind === 'string') return `'${t.value}'`;
  return String(t.value);
}
