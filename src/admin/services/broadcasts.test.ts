import { describe, expect, it } from 'vitest';
import { adminTestApp } from '../../../test/support/admin-app';
import type { Role } from '../../config';
import { readAudit } from '../audit';
import { cancelBroadcast, createBroadcast, getBroadcast, listBroadcasts } from './broadcasts';
import type { Actor } from './service';

const as = (role: Role): Actor => ({ label: `${role}#1`, role, via: 'console' });
const push = { audience: { all: true }, messages: { en: 'Market moved to Friday' } };

describe('broadcast services', () => {
  it('let a trainer push, follow and cancel a job, and record the changes', async () => {
    const { deps, store, seedUsers } = adminTestApp();
    await seedUsers([{ id: 11 }, { id: 12, locale: 'en' }]);
    const created = await createBroadcast(deps, as('trainer'), push);
    if (!created.ok) throw new Error(created.error);
    const { id } = created.value;
    const job = await getBroadcast(deps, as('trainer'), id);
    expect(job).toMatchObject({ ok: true, value: { id, createdBy: 'trainer#1' } });
    const list = await listBroadcasts(deps, as('admin'));
    expect(list.ok && list.value.map((j) => j.id)).toEqual([id]);
    const cancelled = await cancelBroadcast(deps, as('trainer'), id);
    expect(cancelled.ok && cancelled.value.status).toBe('cancelled');
    const trail = (await readAudit(store)).reverse();
    expect(trail.map((e) => [e.who, e.role, e.via, e.action, e.target?.id])).toEqual([
      ['trainer#1', 'trainer', 'console', 'broadcast.send', id],
      ['trainer#1', 'trainer', 'console', 'broadcast.cancel', id],
    ]);
    expect(trail[0]?.details).toEqual({ recipients: 2, kind: 'announcement' });
    expect(trail[1]?.target?.title).toEqual({ en: 'Market moved to Friday' });
  });

  it('refuse a researcher every broadcast operation, storing and recording nothing', async () => {
    const { deps, store } = adminTestApp();
    const researcher = as('researcher');
    for (const outcome of [
      await createBroadcast(deps, researcher, push),
      await listBroadcasts(deps, researcher),
      await getBroadcast(deps, researcher, 'x'),
      await cancelBroadcast(deps, researcher, 'x'),
    ])
      expect(outcome).toEqual({ ok: false, status: 403, error: 'forbidden' });
    expect(await store.listJobs(10)).toEqual([]);
    expect(await readAudit(store)).toEqual([]);
  });

  it('list every problem by field, and say what does not exist', async () => {
    const { deps } = adminTestApp();
    const bad = await createBroadcast(deps, as('trainer'), { audience: {}, messages: {} });
    expect(bad).toMatchObject({ ok: false, status: 400, error: 'invalid_request' });
    expect(!bad.ok && Object.keys(bad.fields ?? {}).length).toBeGreaterThan(0);
    expect(await getBroadcast(deps, as('trainer'), 'nope')).toMatchObject({ status: 404 });
    expect(await cancelBroadcast(deps, as('trainer'), 'nope')).toMatchObject({ status: 404 });
  });

  it('refuse a push with 503 when the deploy has no broadcast queue', async () => {
    const { deps, store } = adminTestApp({ queue: false });
    const refused = await createBroadcast(deps, as('trainer'), push);
    expect(refused).toMatchObject({ ok: false, status: 503, error: 'broadcast_queue_missing' });
    expect(await store.listJobs(10)).toEqual([]);
  });
});
