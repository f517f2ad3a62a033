import type { Flow } from '../core/flow';
import { stepTypeOf, type StepRegistry } from '../core/steps';
import type { Text } from '../core/text';
import type { ContentError } from './source';

/** What a flow is checked against: the rest of the content. */
export interface FlowCheck {
  flows: Record<string, unknown>;
  lists: Record<string, readonly { id: string }[]>;
  errors: ContentError[];
  checkText: (text: Text, file: string, path: string) => void;
  actions: ReadonlySet<string>;
  /** The registered step types. */
  steps: StepRegistry;
}

/**
 * Check one flow's references: node ids, variables (unknown or answered later), flows,
 * lists, actions, i18n keys, and flows a dynamic jump may name.
 */
export function checkFlow(flow: Flow, file: string, check: FlowCheck): void {
  const { errors } = check;
  const ids = new Set<string>();
  flow.nodes.forEach((node, i) => {
    if (ids.has(node.id))
      errors.push({ file, path: `nodes[${i}].id`, message: `duplicate node id "${node.id}"` });
    ids.add(node.id);
  });
  if (flow.start && !ids.has(flow.start))
    errors.push({ file, path: 'start', message: `unknown node "${flow.start}"` });

  // Which list or static choices wrote each variable, to check dynamic flow jumps.
  const written = new Map<string, { ids: string[] | undefined }>();
  // A flow a command opens gets what followed the command (`/start course_x`) as `args`.
  written.set('args', { ids: undefined });
  flow.nodes.forEach((node, i) => {
    const at = `nodes[${i}]`;
    const refs = stepTypeOf(check.steps, node).refs(node);
    for (const target of refs.nodes) {
      if (!ids.has(target))
        errors.push({ file, path: at, message: `unknown node "${target}" in ${node.id}` });
    }
    for (const name of refs.reads) {
      if (!written.has(name)) {
        const later = flow.nodes
          .slice(i + 1)
          .some((n) => stepTypeOf(check.steps, n).refs(n).writes === name);
        errors.push({
          file,
          path: at,
          message: later
            ? `"${name}" is answered only after ${node.id} (forward reference)`
            : `unknown variable "${name}"`,
        });
      }
    }
    for (const target of refs.flows) {
      if (!check.flows[target])
        errors.push({ file, path: at, message: `unknown flow "${target}"` });
    }
    for (const action of refs.actions ?? []) {
      if (!check.actions.has(action))
        errors.push({ file, path: at, message: `unknown action "${action}"` });
    }
    for (const list of refs.lists) {
      if (!check.lists[list]) errors.push({ file, path: at, message: `unknown list "${list}"` });
    }
    refs.texts.forEach((text) => check.checkText(text, file, at));
    if (node.type === 'goto_flow' && node.from) {
      for (const target of written.get(node.from)?.ids ?? []) {
        if (!check.flows[target])
          errors.push({
            file,
            path: at,
            message: `"${node.from}" may name "${target}", which is not a flow`,
          });
      }
    }
    if (refs.writes) {
      const choiceIds =
        node.type === 'ask_choice'
          ? (node.choices?.map((c) => c.id) ?? check.lists[node.source ?? '']?.map((c) => c.id))
          : undefined;
      written.set(refs.writes, { ids: choiceIds });
    }
  });
}
