/**
 * A JSON value as YAML (block style), for reading and downloading a survey definition as
 * the files in content/surveys are written. Strings are double-quoted (JSON escapes are
 * valid YAML), so no text can be read back as another type; parsing the output gives the
 * value again.
 *
 * @example toYaml({ id: 'x', tags: ['a'] }) // 'id: "x"\ntags:\n  - "a"\n'
 */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  emit(value, 0, lines);
  return lines.join('\n') + '\n';
}

const pad = (depth: number) => '  '.repeat(depth);

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const isEmpty = (v: unknown) =>
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

const isBlock = (v: unknown) => typeof v === 'object' && v !== null && !isEmpty(v);

const inline = (v: unknown) => (Array.isArray(v) ? '[]' : isEmpty(v) ? '{}' : scalar(v));

const key = (k: string) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k));

function emit(value: unknown, depth: number, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (!isBlock(item)) {
        lines.push(`${pad(depth)}- ${inline(item)}`);
        continue;
      }
      const sub: string[] = [];
      emit(item, depth + 1, sub);
      // The first line of the item goes after the dash.
      lines.push(`${pad(depth)}- ${sub[0]!.slice(pad(depth + 1).length)}`, ...sub.slice(1));
    }
    return;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if (isBlock(v)) {
        lines.push(`${pad(depth)}${key(k)}:`);
        emit(v, Array.isArray(v) ? depth + 1 : depth + 1, lines);
      } else lines.push(`${pad(depth)}${key(k)}: ${inline(v)}`);
    }
    return;
  }
  lines.push(`${pad(depth)}${inline(value)}`);
}
