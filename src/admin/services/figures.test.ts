import { describe, expect, it } from 'vitest';
import { adminTestApp } from '../../../test/support/admin-app';
import type { Role } from '../../config';
import { lessonCounter } from '../../courses/counters';
import { courseStats, listCourses, overview, previewAudience } from './figures';
import type { Actor } from './service';

const as = (role: Role): Actor => ({ label: `${role}#1`, role, via: 'session' });
const forbidden = { ok: false, status: 403, error: 'forbidden' };

describe('figure services', () => {
  it('give admins the overview, and refuse it to other roles', async () => {
    const { deps, seedUsers } = adminTestApp();
    await seedUsers([{ id: 11 }, { id: 12, locale: 'en' }]);
    const figures = await overview(deps, as('admin'));
    expect(figures).toMatchObject({ ok: true, value: { users: { total: 2 } } });
    for (const role of ['researcher', 'trainer'] as const) {
      expect(await overview(deps, as(role))).toEqual(forbidden);
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

  it('give trainers and admins the lesson figures of a course, and refuse researchers', async () => {
    const { deps } = adminTestApp();
    await deps.store.count(lessonCounter('shipping', 'rural_network', 'opened'), 3);
    await deps.store.count(lessonCounter('shipping', 'rural_network', 'finished'), 2);
    await deps.store.count(lessonCounter('shipping', 'rural_network', 'answered'), 2);
    await deps.store.count(lessonCounter('shipping', 'rural_network', 'right'), 1);
    for (const role of ['trainer', 'admin'] as const) {
      const stats = await courseStats(deps, as(role), 'shipping');
      expect(stats.ok && stats.value.lessons[0]).toEqual({
        id: 'rural_network',
        title: { 'zh-CN': '包裹怎么从村里出去', en: 'How parcels leave your village' },
        opened: 3,
        finished: 2,
        quiz: { answered: 2, right: 1, shareRight: 0.5 },
      });
      expect(stats.ok && stats.value.lessons[1]).toMatchObject({
        id: 'know_your_costs',
        opened: 0,
        quiz: { answered: 0, right: 0, shareRight: null },
      });
    }
    expect(await courseStats(deps, as('researcher'), 'shipping')).toEqual(forbidden);
    // The role is checked before the input: a researcher learns nothing about ids.
    expect(await courseStats(deps, as('researcher'), 'no_such_course')).toEqual(forbidden);
    expect(await courseStats(deps, as('trainer'), 'no_such_course')).toEqual({
      ok: false,
      status: 404,
      error: 'not_found',
    });
    expect(await courseStats(deps, as('trainer'), 'Bad-Id')).toMatchObject({
      status: 400,
      error: 'invalid_request',
      fields: { id: expect.any(Array) },
    });
  });
});
