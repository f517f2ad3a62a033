import { describe, expect, it } from 'vitest';
import { formatZoned, lastDays, zonedDay, zonedDayNumber } from './time-zone';

describe('the one time zone', () => {
  it('turns the day at midnight UTC+8, not at midnight UTC', () => {
    expect(zonedDay(Date.UTC(2026, 11, 4, 15, 59))).toBe('2026-12-04');
    expect(zonedDay(Date.UTC(2026, 11, 4, 16, 0))).toBe('2026-12-05');
    expect(
      zonedDayNumber(Date.UTC(2026, 11, 4, 16)) - zonedDayNumber(Date.UTC(2026, 11, 4, 15)),
    ).toBe(1);
  });

  it('lists the last days oldest first, today included', () => {
    expect(lastDays(Date.UTC(2026, 11, 4, 16), 3)).toEqual([
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
    ]);
  });

  it('writes a time with its offset and zone name', () => {
    expect(formatZoned(Date.UTC(2026, 11, 5, 6, 3))).toBe('2026-12-05 14:03 UTC+8 (Asia/Shanghai)');
  });
});
