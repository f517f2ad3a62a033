import { describe, expect, it } from 'vitest';
import { buildDeps } from '../compose';
import { memoryLogger } from './logger';
import {
  cleanTranscript,
  readCapped,
  SPEECH_MODEL,
  workersAiSpeech,
  type AiBinding,
} from './speech';

/** A stand-in for the Workers AI binding: records calls, answers or fails as told. */
function fakeAi(answer: (input: Record<string, unknown>) => unknown | Promise<unknown>) {
  const calls: { model: string; input: Record<string, unknown> }[] = [];
  const ai: AiBinding = {
    run: async (model, input) => {
      calls.push({ model, input });
      return answer(input);
    },
  };
  return { ai, calls };
}

const audio = new Uint8Array([1, 2, 3, 250]);
const load = () => Promise.resolve(audio);

describe('workersAiSpeech', () => {
  it('sends the audio as base64 to the model and cleans the transcript', async () => {
    const { ai, calls } = fakeAi(() => ({ text: '  我想卖竹编篮子。 ' }));
    const speech = workersAiSpeech(ai, memoryLogger());
    expect(await speech.transcribe(load, {})).toBe('我想卖竹编篮子');
    expect(calls).toEqual([
      { model: SPEECH_MODEL, input: { audio: 'AQID+g==', vad_filter: true } },
    ]);
  });

  it('gives nothing, and logs why, for silence, a model error, a failed download and big audio', async () => {
    const log = memoryLogger();
    const silent = workersAiSpeech(fakeAi(() => ({ text: ' 。' })).ai, log);
    expect(await silent.transcribe(load, { id: 1 })).toBeUndefined();
    const broken = workersAiSpeech(
      fakeAi(() => {
        throw new Error('AiError: 3010: invalid audio');
      }).ai,
      log,
    );
    expect(await broken.transcribe(load, { id: 2 })).toBeUndefined();
    const { ai, calls } = fakeAi(() => ({ text: 'never' }));
    const speech = workersAiSpeech(ai, log);
    expect(await speech.transcribe(() => Promise.reject(new Error('http 404')), { id: 3 })).toBe(
      undefined,
    );
    const big = new Uint8Array(1_000_001);
    expect(await speech.transcribe(() => Promise.resolve(big), { id: 4 })).toBeUndefined();
    expect(calls).toEqual([]);
    expect(log.lines.map((l) => [l.event, l.fields.id])).toEqual([
      ['speech_empty', 1],
      ['speech_failed', 2],
      ['speech_failed', 3],
      ['speech_failed', 4],
    ]);
  });

  it('gives up when the model takes longer than the limit', async () => {
    const log = memoryLogger();
    const { ai } = fakeAi(() => new Promise((r) => setTimeout(() => r({ text: 'late' }), 200)));
    const speech = workersAiSpeech(ai, log, { maxBytes: 100, maxSeconds: 60, timeoutMs: 20 });
    expect(await speech.transcribe(load, {})).toBeUndefined();
    expect(log.lines.map((l) => l.event)).toContain('speech_timeout');
  });
});

describe('readCapped', () => {
  const body = (size: number, headers: Record<string, string> = {}) =>
    new Response(new Uint8Array(size), { headers });

  it('reads a body up to the limit and refuses one over it, declared or not', async () => {
    expect((await readCapped(body(10), 10)).byteLength).toBe(10);
    await expect(readCapped(body(11), 10)).rejects.toThrow(/size limit/);
    await expect(readCapped(body(5, { 'Content-Length': '11' }), 10)).rejects.toThrow(/size limit/);
    await expect(readCapped(new Response('x', { status: 404 }), 10)).rejects.toThrow(/404/);
  });
});

describe('cleanTranscript', () => {
  it('drops trailing sentence marks and space', () => {
    expect(cleanTranscript(' 家具。')).toBe('家具');
    expect(cleanTranscript('How much? ')).toBe('How much');
    expect(cleanTranscript('。')).toBe('');
  });
});

describe('the composition root', () => {
  it('has no speech to text without the AI binding (or with something else under AI)', () => {
    const log = memoryLogger();
    expect(buildDeps({}, { log }).speech).toBeUndefined();
    expect(buildDeps({ AI: 'not a binding' }, { log }).speech).toBeUndefined();
    expect(buildDeps({ AI: fakeAi(() => ({ text: 'x' })).ai }, { log }).speech).toBeDefined();
  });
});
