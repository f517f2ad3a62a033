import { describe, expect, it } from 'vitest';
import { adminTestApp } from '../../../test/support/admin-app';
import type { Role } from '../../config';
import { auditTrail, listCourses, overview, previewAudience } from './figures';
import type { Actor } from './service';

const as = (role: Role): Actor => ({ label: `${role}#1`, role, via: 'session' });
const forbidden = { ok: false, status: 403, error: 'forbidden' };

describe('figure services', () => {
  it('give admins the overview and the audit trail, and refuse them to other roles', async () => {
    const { deps, seedUsers } = adminTestApp();
    await seedUsers([{ id: 11 }, { id: 12, locale: 'en' }]);
    const figures = await overview(deps, as('admin'));
    expect(figures).toMatchObject({ ok: true, value: { users: { total: 2 } } });
    expect(await auditTrail(deps, as('admin'), {})).toEqual({ ok: true, value: [] });
    expect(await auditTrail(deps, as('admin'), { limit: '0' })).toMatchObject({ status: 400 });
    for (const role of ['researcher', 'trainer'] as const) {
      expect(await overview(deps, as(role))).toEqual(forbidden);
      expect(await auditTrail(deps, as(role), {})).toEqual(forbidden);
    }
  });

  it('size an audience for trainers and researchers, listing what is wrong by field', async () => {
    const { deps, seedUsers } = adminTestApp();
    await seedUsers([{ id: 11 }, { id: 12, locale: 'en' }]);
    for (const role of ['trainer', 'researcher', 'admin'] as const)
      expect(await previewAudience(deps, as(role), { audience: { all: true } })).toEqual({
        ok: true,
        value: { size: 2, byChannel: { telegram: 2 }, byLocale: { 'zh-CN': 1, en: 1 } },
      });
    expect(await previewAudience(deps, as('trainer'), {})).toMatchObject({
      status: 400,
      fields: { audience: expect.any(Array) },
    });
  });

  it('list courses for trainers and refuse them to researchers', async () => {
    const { deps } = adminTestApp();
    const listed = await listCourses(deps, as('trainer'));
    expect(listed.ok && listed.value.length).toBeGreaterThan(0);
    expect(await listCourses(deps, as('researcher'))).toEqual(forbidden);
  });
});
