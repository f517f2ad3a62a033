import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_TEST_TOKENS, adminTestApp } from '../../test/support/admin-app';
import { FakeBotApi, botApiHandlers } from '../../test/support/bot-api';
import { MemoryBucket } from '../../test/support/media-bucket';
import { createApp } from '../http/app';
import type { Role } from '../config';
import { readAudit } from './audit';

// GET /admin/api/surveys/:id/media/:key: researcher and admin only, a key of that survey
// only, the audio with its type, every read in the audit trail.

const server = setupServer(...botApiHandlers(new FakeBotApi()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const P = `r${'ab'.repeat(16)}`;
const KEY = `survey/seller_baseline/${P}/story.ogg`;
const OGG = new Uint8Array([0x4f, 0x67, 0x67, 0x53, 1]);

let bucket: MemoryBucket;
let t: ReturnType<typeof adminTestApp>;
let app: ReturnType<typeof createApp>;
beforeEach(async () => {
  bucket = new MemoryBucket();
  t = adminTestApp();
  app = createApp({ ...t.deps, media: bucket.asBucket() });
  await bucket.asBucket().put(KEY, OGG);
  await bucket.asBucket().put(`survey/other_survey/${P}/story.ogg`, OGG);
});

const get = (role: Role, id: string, key: string) =>
  app.request(`/admin/api/surveys/${id}/media/${encodeURIComponent(key)}`, {
    headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS[role]}` },
  });

describe('GET /admin/api/surveys/:id/media/:key', () => {
  it.each(['researcher', 'admin'] as const)('serves the audio to %s, audited', async (role) => {
    const res = await get(role, 'seller_baseline', KEY);
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('audio/ogg');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(OGG);
    const [entry] = (await readAudit(t.store, 10)) as Record<string, unknown>[];
    expect(entry).toMatchObject({
      action: 'survey.media',
      target: { kind: 'survey', id: 'seller_baseline' },
      details: { key: KEY },
    });
  });

  it('refuses a trainer (403) and audits nothing', async () => {
    expect((await get('trainer', 'seller_baseline', KEY)).status).toBe(403);
    expect(await readAudit(t.store, 10)).toEqual([]);
  });

  it('answers 404 for an unknown key, a key of another survey, or a malformed key', async () => {
    for (const key of [
      `survey/seller_baseline/${P}/missing.ogg`,
      `survey/other_survey/${P}/story.ogg`,
      `survey/seller_baseline/../other_survey/${P}/story.ogg`,
      'story.ogg',
    ]) {
      const res = await get('researcher', 'seller_baseline', key);
      expect(res.status, key).toBe(404);
    }
    expect(await readAudit(t.store, 10)).toEqual([]);
  });

  it('answers 404 where no MEDIA bucket is bound', async () => {
    const res = await t.app.request(
      `/admin/api/surveys/seller_baseline/media/${encodeURIComponent(KEY)}`,
      { headers: { Authorization: `Bearer ${ADMIN_TEST_TOKENS.researcher}` } },
    );
    expect(res.status).toBe(404);
  });
});
