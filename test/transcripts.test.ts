import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildApp } from '../src/compose';
import { memoryLogger } from '../src/shell/logger';
import { createMemoryStore } from '../src/store/memory';

/**
 * Transcripts are the readable spec of the flows: each YAML file is a conversation replayed
 * through the web chat API. `say` matches part of a message, `text` all of it; `choices`
 * lists every button label in order, `offers` some of them.
 */
interface Expectation {
  text?: string;
  say?: string;
  choices?: string[];
  offers?: string[];
}
interface Transcript {
  name: string;
  locale?: string;
  turns: { user?: string; tap?: string; bot?: Expectation[] }[];
}

const dir = join(import.meta.dirname, 'transcripts');

describe('transcripts', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    const transcript = parse(readFileSync(join(dir, file), 'utf8')) as Transcript;
    it(`${file}: ${transcript.name}`, async () => {
      const app = buildApp({}, { store: createMemoryStore(), log: memoryLogger() });
      const userId = `transcript-${file}`;
      for (const [n, turn] of transcript.turns.entries()) {
        const where = `${file} turn ${n + 1} (${turn.user ?? `tap ${turn.tap}`})`;
        const body = {
          userId,
          locale: transcript.locale,
          ...(turn.tap !== undefined ? { choiceId: turn.tap } : { text: turn.user }),
        };
        const res = await app.request('/webchat/api/messages', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status, where).toBe(200);
        const { messages } = (await res.json()) as {
          messages: { text: string; choices?: { label: string }[] }[];
        };
        if (!turn.bot) continue;
        expect(messages.length, `${where}: ${JSON.stringify(messages)}`).toBe(turn.bot.length);
        turn.bot.forEach((want, i) => {
          const got = messages[i]!;
          const labels = (got.choices ?? []).map((c) => c.label);
          if (want.text !== undefined) expect(got.text, where).toBe(want.text);
          if (want.say !== undefined) expect(got.text, where).toContain(want.say);
          if (want.choices !== undefined) expect(labels, where).toEqual(want.choices);
          if (want.offers !== undefined)
            expect(labels, where).toEqual(expect.arrayContaining(want.offers));
        });
      }
    });
  }
});
