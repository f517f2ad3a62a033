/** One printed line: a figure, its value and its budget. */
export interface Row {
  figure: string;
  value: string;
  budget: string;
  /** `ok`, `OVER`, or `` when the figure has no budget. */
  verdict: '' | 'ok' | 'OVER';
}

/** A table section with a heading. */
export interface Section {
  title: string;
  rows: Row[];
  notes?: string[];
}

/** A row; `ok` decides the verdict, undefined when there is no budget. */
export function row(figure: string, value: string, budget = '', ok?: boolean): Row {
  return { figure, value, budget, verdict: ok === undefined ? '' : ok ? 'ok' : 'OVER' };
}

/** Render sections as a plain-text table, columns padded to their widest cell. */
export function renderTable(sections: readonly Section[]): string {
  const all = sections.flatMap((s) => s.rows);
  const head: Row = { figure: 'figure', value: 'value', budget: 'budget', verdict: '' };
  const width = (pick: (r: Row) => string) =>
    Math.max(...[head, ...all].map((r) => pick(r).length));
  const w = [width((r) => r.figure), width((r) => r.value), width((r) => r.budget)] as const;
  const line = (r: Row) =>
    `  ${r.figure.padEnd(w[0])}  ${r.value.padStart(w[1])}  ${r.budget.padEnd(w[2])}  ${r.verdict}`.trimEnd();
  const out: string[] = [line(head)];
  for (const section of sections) {
    out.push('', section.title);
    out.push(...section.rows.map(line));
    for (const note of section.notes ?? []) out.push(`    · ${note}`);
  }
  return out.join('\n');
}
