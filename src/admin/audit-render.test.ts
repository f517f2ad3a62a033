import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../shell/logger';
import { createMemoryStore } from '../store/memory';
import { readAudit, readEntry, type AuditEntry } from './audit';
import { recordAction } from './services/service';
import { auditDetailsText, auditSentence, chinaTime } from './audit-render';

const remind: AuditEntry = {
  at: '2026-05-01T08:00:00.000Z',
  who: 'Li',
  role: 'researcher',
  via: 'console',
  action: 'survey.remind',
  target: {
    kind: 'survey',
    id: 'shops',
    title: { 'zh-CN': '村店调查', en: 'Village shop survey' },
  },
  details: { recipients: 4, version: 2, job: 'j1' },
};

describe('audit sentences', () => {
  it('say who did what to which, with the figures, in either language', () => {
    expect(auditSentence(remind, 'en')).toBe(
      "Li (Researcher) sent a reminder for 'Village shop survey' to 4 people",
    );
    expect(auditSentence(remind, 'zh-CN')).toBe('Li（研究人员）为「村店调查」发送了提醒，共 4 人');
    const one = { ...remind, details: { ...remind.details, recipients: 1 } };
    expect(auditSentence(one, 'en')).toContain('to 1 person');
  });

  it('read a push titled with chat markup as its words', () => {
    const push: AuditEntry = {
      ...remind,
      action: 'broadcast.cancel',
      target: {
        kind: 'broadcast',
        id: 'j1',
        title: { en: '**New lesson**: [packing](https://x.cn)' },
      },
      details: {},
    };
    expect(auditSentence(push, 'en')).toContain("'New lesson: packing'");
    expect(auditSentence(push, 'en')).not.toContain('**');
  });

  it('name an export’s format and language, and a scheduled push’s time in China time', () => {
    const exported: AuditEntry = {
      ...remind,
      action: 'survey.export',
      details: { format: 'stata', lang: 'en', version: 2 },
    };
    expect(auditSentence(exported, 'en')).toBe(
      "Li (Researcher) exported 'Village shop survey' as Stata script (English)",
    );
    expect(auditSentence(exported, 'zh-CN')).toBe(
      'Li（研究人员）导出了「村店调查」，格式 Stata 脚本（英文）',
    );
    const scheduled: AuditEntry = {
      at: remind.at,
      who: 'trainer#1',
      role: 'trainer',
      via: 'token',
      action: 'broadcast.create',
      target: { kind: 'broadcast', id: 'b1' },
      details: { sendAt: '2026-05-02T01:30:00.000Z', kind: 'announcement' },
    };
    expect(auditSentence(scheduled, 'en')).toBe(
      'trainer#1 (Trainer) scheduled a push (Announcement) for 2026-05-02 09:30 UTC+8 (Asia/Shanghai)',
    );
  });

  it('fall back to the id without a title, and to plain words for an unknown action', () => {
    const untitled = { ...remind, target: { id: 'shops' } };
    expect(auditSentence(untitled, 'en')).toContain("for 'shops' to 4 people");
    const unknown: AuditEntry = { ...remind, action: 'panel.wave_open', details: {} };
    expect(auditSentence(unknown, 'en')).toBe(
      "Li (Researcher): panel.wave_open on 'Village shop survey'",
    );
    expect(auditSentence({ ...unknown, target: undefined }, 'zh-CN')).toBe(
      'Li（研究人员）：panel.wave_open',
    );
    // A known sentence missing a figure it names reads as the plain form, not "{{…}}".
    const bare: AuditEntry = { ...remind, details: {} };
    expect(auditSentence(bare, 'en')).toBe(
      "Li (Researcher): Survey reminder sent on 'Village shop survey'",
    );
  });

  it('read a generic event written through the deprecated recordAction', async () => {
    const store = createMemoryStore();
    const deps = { store, now: () => 0, log: memoryLogger() };
    const actor = { label: 'trainer#1', role: 'trainer', via: 'token' } as const;
    await recordAction(deps, actor, 'POST /admin/api/lessons/l1/publish', 200, 'l1');
    const [entry] = await readAudit(store);
    expect(auditSentence(entry!, 'en')).toBe(
      "trainer#1 (Trainer): POST /admin/api/lessons/l1/publish on 'l1'",
    );
  });

  it('read entries of the older HTTP shape, saying so', () => {
    const raw = {
      at: '2026-04-01T08:00:00.000Z',
      who: 'trainer#1',
      role: 'trainer',
      via: 'token',
      action: 'POST /admin/api/surveys/x/remind',
      status: 201,
      target: 'job-1',
    };
    const old = readEntry(raw, 7)!;
    expect(old).toMatchObject({ seq: 7, legacy: true, target: { id: 'job-1' } });
    expect(auditSentence(old, 'en')).toBe(
      'trainer#1 (Trainer): POST /admin/api/surveys/x/remind 201 (older entry)',
    );
    expect(auditSentence(old, 'zh-CN')).toBe(
      'trainer#1（培训师）：POST /admin/api/surveys/x/remind 201（旧记录）',
    );
    const { role: _role, target: _target, ...client } = raw;
    const login = readEntry({
      ...client,
      who: 'client:1.2.3.4',
      action: 'login_refused',
      status: 429,
    });
    expect(login).toMatchObject({ action: 'login.refused', details: { status: 429 } });
    expect(login?.legacy).toBeUndefined();
    expect(auditSentence(login!, 'en')).toBe('Someone at client:1.2.3.4 gave a wrong token');
    expect(readEntry({ nonsense: true })).toBeUndefined();
    expect(readEntry({ v: 2, at: 'x' })).toBeUndefined();
  });

  it('write details and China time for the CSV', () => {
    expect(auditDetailsText(remind)).toBe('recipients=4; version=2; job=j1');
    expect(chinaTime('2026-05-01T20:30:00.000Z')).toBe('2026-05-02T04:30:00+08:00');
  });
});
