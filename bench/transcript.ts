import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import * as z from 'zod';
import { conversationSchema } from '../src/core/conversation';
import type { Program } from '../src/core/engine';
import { LOCALES, type Locale } from '../src/core/message';
import { createMemoryStore } from '../src/store/memory';
import { CHANNELS, webchatDriver, type Channel } from './drivers';
import { benchApp, dispatch } from './harness';

const turnSchema = z.union([
  z.object({ user: z.string().min(1) }).strict(),
  z.object({ tap: z.string().min(1) }).strict(),
]);

/** One thing a person does: type (`user`) or press a button (`tap`, the choice id). */
export type Turn = z.infer<typeof turnSchema>;

/** A turn ready to replay on any channel: a tap knows its option's number (WeChat types it). */
export type ResolvedTurn = { user: string } | { tap: string; index: number };

/**
 * A bench transcript (`bench/transcripts/*.yaml`). Either `turns` lists every turn, or the
 * flow is walked: started with `start` (default: its command) and each open question of the
 * flow answered from `answers` (by node id) or with a valid default.
 *
 * @example { flow: village, before: [onboarding], answers: { sales: { user: '1.2千万' } } }
 */
export const transcriptSchema = z
  .object({
    /** The flow measured; a run that does not complete it is reported. */
    flow: z.string().min(1),
    /** Key in the results (default: the flow id); other channels add `@channel`. */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_-]*$/)
      .optional(),
    locale: z.enum(LOCALES).default('zh-CN'),
    channels: z.array(z.enum(CHANNELS)).min(1).default(['webchat']),
    /** Transcripts replayed first for the same person, not measured (a profile, a plan). */
    before: z.array(z.string()).default([]),
    start: turnSchema.optional(),
    turns: z.array(turnSchema).min(1).optional(),
    answers: z.record(z.string(), turnSchema).default({}),
  })
  .strict();

/** A loaded transcript. */
export type Transcript = z.infer<typeof transcriptSchema> & { name: string; file: string };

/** One measured series: a transcript on one channel, its turns resolved. */
export interface BenchFlow {
  /** `name` on the web chat, `name@channel` elsewhere. */
  key: string;
  flow: string;
  channel: Channel;
  locale: Locale;
  /** Replayed before the measured turns, unmeasured. */
  setup: ResolvedTurn[];
  turns: ResolvedTurn[];
  /** Where the turns came from: the file, or "walked". */
  origin: string;
}

/**
 * Read the transcripts in `dir`, then add a walked transcript for every flow in
 * `contentFlows` that none of them covers, so a new flow is measured without new code.
 */
export function loadTranscripts(
  dir: string,
  contentFlows: readonly string[],
): { transcripts: Transcript[]; problems: string[] } {
  const problems: string[] = [];
  const transcripts: Transcript[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()) {
    const parsed = transcriptSchema.safeParse(parse(readFileSync(join(dir, file), 'utf8')));
    if (!parsed.success) {
      problems.push(`${file}: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      continue;
    }
    const name = parsed.data.name ?? parsed.data.flow;
    if (transcripts.some((t) => t.name === name)) problems.push(`${file}: name ${name} is taken`);
    else transcripts.push({ ...parsed.data, name, file });
  }
  for (const flow of contentFlows) {
    if (transcripts.some((t) => t.flow === flow)) continue;
    transcripts.push({
      ...transcriptSchema.parse({ flow }),
      name: flow,
      file: 'walked',
    });
  }
  return { transcripts, problems };
}

const SAMPLE_TEXT =
  '我们村在浙江山区，家家户户做手工竹编，已经有三百年历史。现在主要在淘宝和抖音上卖果篮、茶具收纳盒，每月发货两百单左右。';

/** A valid answer to an open question of a known step type, or undefined. */
function defaultAnswer(node: Record<string, unknown>, program: Program): Turn | undefined {
  const number = (key: string) =>
    typeof node[key] === 'number' ? (node[key] as number) : undefined;
  switch (node.type) {
    case 'ask_choice': {
      const choices = node.choices as { id: string }[] | undefined;
      const first = choices?.[0]?.id ?? program.lists[String(node.source)]?.[0]?.id;
      return first === undefined ? undefined : { tap: first };
    }
    case 'ask_yes_no':
      return { tap: 'yes' };
    case 'ask_number': {
      const value = Math.min(Math.max(12, number('min') ?? 12), number('max') ?? 12);
      return { user: String(Math.round(value)) };
    }
    case 'ask_text':
      return { user: SAMPLE_TEXT };
    default:
      return undefined;
  }
}

interface Reply {
  choices?: { id: string }[];
}

/**
 * Replay every transcript once on the web chat (with its own memory store) to resolve it:
 * walk flows, learn each tap's option number, check that the flow completes and every
 * answer is a 200. Broken transcripts are reported and left out.
 */
export async function resolveTranscripts(
  transcripts: readonly Transcript[],
  program: Program,
): Promise<{
  resolved: Map<string, { setup: ResolvedTurn[]; turns: ResolvedTurn[] }>;
  problems: string[];
}> {
  const store = createMemoryStore();
  const app = benchApp(store);
  const driver = webchatDriver();
  const resolved = new Map<string, { setup: ResolvedTurn[]; turns: ResolvedTurn[] }>();
  const problems: string[] = [];
  const chains = new Map<string, string[]>();
  let nextUser = 1;

  const replay = async (user: number, turn: Turn | ResolvedTurn, locale: Locale, last: Reply[]) => {
    let resolvedTurn: ResolvedTurn;
    if ('tap' in turn) {
      const index = (last.findLast((r) => r.choices)?.choices ?? []).findIndex(
        (c) => c.id === turn.tap,
      );
      if (index < 0) throw new Error(`button ${turn.tap} was not offered`);
      resolvedTurn = { tap: turn.tap, index: index + 1 };
    } else resolvedTurn = turn;
    const response = await dispatch(app, driver.request(user, resolvedTurn, locale));
    if (response.status !== 200)
      throw new Error(`HTTP ${response.status} for ${JSON.stringify(turn)}`);
    await driver.observe(user, response.clone());
    const body = (await response.json()) as { messages: Reply[] };
    return { resolvedTurn, replies: body.messages };
  };

  const openQuestion = async (user: number) => {
    const snapshot = await store.load({ channel: 'webchat', userId: `bench-${user}` }, 'probe');
    return conversationSchema.safeParse(snapshot.conversation).data?.at ?? null;
  };

  const resolveOne = async (t: Transcript, seen: readonly string[]): Promise<void> => {
    if (resolved.has(t.name)) return;
    if (seen.includes(t.name)) throw new Error(`"before" loops: ${[...seen, t.name].join(' → ')}`);
    // Everything `before` names, each transcript once, in order (a shared onboarding runs once).
    const chain: string[] = [];
    for (const name of t.before) {
      const before = transcripts.find((b) => b.name === name);
      if (!before) throw new Error(`before: no transcript named ${name}`);
      await resolveOne(before, [...seen, t.name]);
      for (const n of [...(chains.get(name) ?? []), name]) if (!chain.includes(n)) chain.push(n);
    }
    chains.set(t.name, chain);
    const setup = chain.flatMap((name) => resolved.get(name)?.turns ?? []);
    const user = nextUser++;
    let last: Reply[] = [];
    for (const turn of setup) last = (await replay(user, turn, t.locale, last)).replies;
    const completedKey = `flow:${t.flow}:completed`;
    const completedBefore = (await store.counters())[completedKey] ?? 0;
    const turns: ResolvedTurn[] = [];
    const say = async (turn: Turn) => {
      const result = await replay(user, turn, t.locale, last);
      turns.push(result.resolvedTurn);
      last = result.replies;
    };
    if (t.turns) {
      for (const turn of t.turns) await say(turn);
    } else {
      const command = Object.entries(program.commands).find(([, flow]) => flow === t.flow)?.[0];
      const start = t.start ?? (command === undefined ? undefined : { user: `/${command}` });
      if (!start) throw new Error(`flow ${t.flow} has no command: give "start" or "turns"`);
      await say(start);
      for (let guard = 0; guard < 200; guard++) {
        const at = await openQuestion(user);
        if (!at || at.flow !== t.flow) break;
        const node = program.flows[at.flow]?.nodes.find((n) => n.id === at.node);
        const answer =
          t.answers[at.node] ??
          (node ? defaultAnswer(node as unknown as Record<string, unknown>, program) : undefined);
        if (!answer) throw new Error(`no answer for node ${at.node}: add it under "answers"`);
        await say(answer);
      }
    }
    if (((await store.counters())[completedKey] ?? 0) <= completedBefore) {
      problems.push(`${t.name} (${t.file}): flow ${t.flow} did not complete; measured anyway`);
    }
    resolved.set(t.name, { setup, turns });
  };

  for (const t of transcripts) {
    try {
      await resolveOne(t, []);
    } catch (error) {
      problems.push(`${t.name} (${t.file}): ${(error as Error).message}; left out`);
    }
  }
  return { resolved, problems };
}

/** Every transcript on each of its channels, ready to measure. */
export async function benchFlows(
  dir: string,
  program: Program,
  contentFlows: readonly string[],
): Promise<{ flows: BenchFlow[]; problems: string[] }> {
  const loaded = loadTranscripts(dir, contentFlows);
  const { resolved, problems } = await resolveTranscripts(loaded.transcripts, program);
  const flows = loaded.transcripts.flatMap((t) => {
    const turns = resolved.get(t.name);
    if (!turns) return [];
    return t.channels.map((channel): BenchFlow => ({
      key: channel === 'webchat' ? t.name : `${t.name}@${channel}`,
      flow: t.flow,
      channel,
      locale: t.locale,
      ...turns,
      origin: t.file,
    }));
  });
  return { flows, problems: [...loaded.problems, ...problems] };
}
