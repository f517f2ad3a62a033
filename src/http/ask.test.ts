import { describe, expect, it } from 'vitest';
import { buildApp } from '../compose';
import { memoryLogger } from '../shell/logger';
import { createMemoryStore } from '../store/memory';

const app = buildApp({}, { store: createMemoryStore(), log: memoryLogger() });

async function ask(body: unknown) {
  const res = await app.request('/api/ask', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /api/ask', () => {
  it('answers a deposit question from the FAQ, with its dated source and link', async () => {
    const { status, json } = await ask({ question: '保证金要交多少', locale: 'zh-CN' });
    expect(status).toBe(200);
    expect(json.routedTo).toBeUndefined();
    const answers = json.answers as { link: { kind: string; id: string }; source: string }[];
    expect(answers[0]?.link).toEqual({ kind: 'faq', id: 'deposit_amount' });
    expect(answers[0]?.source).toMatch(/\d{4}/);
    expect(answers.length).toBeLessThanOrEqual(2);
    expect(json.confidence).toBeGreaterThan(0.5);
  });

  it('routes a request for a check, and answers nothing it does not know', async () => {
    expect((await ask({ question: 'how do I ship fresh peaches cheaply?' })).json.routedTo).toBe(
      'logistics',
    );
    const unknown = await ask({ question: 'What will the weather be in Kunming tomorrow?' });
    expect(unknown.json).toMatchObject({ answers: [] });
    expect(unknown.json.confidence).toBeLessThan(0.55);
  });

  it('refuses bad input with every field error at once, never a 500', async () => {
    const bad = await ask({ question: '', locale: 'fr', extra: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.fields as object).sort()).toEqual(['body', 'locale', 'question']);
    expect((await ask('{"question": "\\ud800"}')).status).toBe(400);
    expect((await ask('not json')).status).toBe(400);
    expect((await ask({ question: 'x'.repeat(501) })).status).toBe(400);
  });

  it('is in /api/openapi.json', async () => {
    const res = await app.request('/api/openapi.json');
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/api/ask']).toBeDefined();
  });
});
