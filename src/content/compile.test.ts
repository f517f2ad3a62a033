import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REGISTERED } from '../domains';
import { catalogues } from '../i18n';
import { compileContent, formatContentError, type SourceFile } from './compile';
import { readContentDir } from './read-dir';
import { COURSE_ORDER } from '../../test/support/courses';

const real = readContentDir(resolve(import.meta.dirname, '../../content'));

function withFile(path: string, text: string): SourceFile[] {
  return [...real.filter((f) => f.path !== path), { path, text }];
}

function errorsOf(files: SourceFile[]): string[] {
  const result = compileContent(files, catalogues, REGISTERED);
  return result.ok ? [] : result.errors.map(formatContentError);
}

describe('content build', () => {
  it('accepts the real content and bundles every flow and list', () => {
    const result = compileContent(real, catalogues, REGISTERED);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    // Every flow file becomes a flow, named after the file; the menu keeps menu.yaml's order.
    const flowFiles = real
      .map((f) => /^(?:flows|advice)\/([^/]+)\.ya?ml$/.exec(f.path)?.[1]?.replace(/-/g, '_'))
      .filter((id): id is string => id !== undefined);
    expect(Object.keys(result.bundle.flows).sort()).toEqual(flowFiles.sort());
    expect(flowFiles).toEqual(
      expect.arrayContaining(['start', 'menu', 'plan', 'courses', 'lesson']),
    );
    const menuFile = real.find((f) => f.path === 'menu.yaml')!.text;
    const menuFlows = [...menuFile.matchAll(/^\s*- flow: (\w+)/gm)].map((m) => m[1]);
    expect(result.bundle.lists.menu?.map((i) => i.id)).toEqual(menuFlows);
    expect(menuFlows).toEqual(expect.arrayContaining(['village', 'plan', 'courses', 'delete_me']));
    expect(result.bundle.courses.map((c) => c.id)).toEqual(COURSE_ORDER);
    expect(result.bundle.lists.categories?.length).toBeGreaterThan(3);
  });

  it('names the file, the path inside it and the reason for a schema error', () => {
    const errors = errorsOf(
      withFile('flows/help.yaml', 'id: help\nnodes:\n  - { id: text, type: message }\n'),
    );
    expect(errors).toContainEqual(
      expect.stringMatching(/^content\/flows\/help\.yaml at nodes\[0\]\.text: /),
    );
  });

  it('names an unknown step type', () => {
    const errors = errorsOf(
      withFile('flows/help.yaml', 'id: help\nnodes:\n  - { id: x, type: teleport }\n'),
    );
    expect(errors.join('\n')).toMatch(/flows\/help\.yaml at nodes\[0\]\.type/);
  });

  it('reports YAML syntax errors with the line', () => {
    const errors = errorsOf(withFile('flows/help.yaml', 'id: help\nnodes: [\n'));
    expect(errors[0]).toMatch(/^content\/flows\/help\.yaml at line \d+, column \d+: /);
  });

  it('reports a condition on an unknown or later question', () => {
    const flow = `id: help
nodes:
  - id: b
    type: branch
    cases: [{ when: { var: later, op: exists }, next: q }]
  - { id: q, type: ask_text, text: help.text, save: later }
  - id: c
    type: branch
    cases: [{ when: { var: nothing, op: exists }, next: q }]
`;
    const errors = errorsOf(withFile('flows/help.yaml', flow));
    expect(errors).toContain(
      'content/flows/help.yaml at nodes[0]: "later" is answered only after b (forward reference)',
    );
    expect(errors).toContain('content/flows/help.yaml at nodes[2]: unknown variable "nothing"');
  });

  it('reports unknown nodes, flows, lists and i18n keys', () => {
    const flow = `id: help
nodes:
  - { id: a, type: message, text: no.such.key, next: nowhere }
  - { id: b, type: ask_choice, text: help.text, source: colours, save: c }
  - { id: g, type: goto_flow, flow: ghost }
`;
    const errors = errorsOf(withFile('flows/help.yaml', flow));
    expect(errors).toEqual(
      expect.arrayContaining([
        'content/flows/help.yaml at nodes[0]: unknown node "nowhere" in a',
        'content/flows/help.yaml at nodes[0]: i18n key "no.such.key" is missing in zh-CN, en',
        'content/flows/help.yaml at nodes[1]: unknown list "colours"',
        'content/flows/help.yaml at nodes[2]: unknown flow "ghost"',
      ]),
    );
  });

  it('refuses a menu item whose flow does not exist, so the menu lists only what exists', () => {
    const errors = errorsOf(
      withFile('menu.yaml', 'items:\n  - { flow: webinars, label: menu.help }\n'),
    );
    expect(errors).toContain('content/menu.yaml at items[0].flow: unknown flow "webinars"');
  });

  it('requires the flow id to match the file name and a start command', () => {
    expect(
      errorsOf(withFile('flows/help.yaml', 'id: helper\nnodes:\n  - { id: a, type: end }\n')),
    ).toContain('content/flows/help.yaml at id: must be "help" (the file name)');
    expect(
      errorsOf(withFile('commands.yaml', 'commands: { menu: menu }\nfallback: menu\n')),
    ).toContain('content/commands.yaml at commands: a "start" command is required');
  });

  it('reports an unknown action', () => {
    const errors = errorsOf(
      withFile(
        'flows/help.yaml',
        'id: help\nnodes:\n  - { id: x, type: run_action, action: teleport }\n',
      ),
    );
    expect(errors).toContain('content/flows/help.yaml at nodes[0]: unknown action "teleport"');
  });

  it('rejects a file in no known folder', () => {
    expect(errorsOf([...real, { path: 'stray.yaml', text: 'a: 1' }])).toContain(
      'content/stray.yaml: no schema for this file: is it in the right folder?',
    );
  });
});
