import { describe, expect, it } from 'vitest';
import { LIVE_SCRIPT, liveSignature } from './live';

describe('the live script', () => {
  it('is valid JavaScript once written into the page (escapes survive the template)', () => {
    expect(() => new Function(LIVE_SCRIPT)).not.toThrow();
    // The regions refresh drops the fresh page's stylesheet before parsing it (its nonce is
    // not this page's, and the browser would report a CSP violation).
    expect(LIVE_SCRIPT).toContain(String.raw`/<style[^>]*>[\s\S]*?<\/style>/gi`);
  });

  it('signs an answer by its counts when it has them', () => {
    expect(liveSignature({ counts: { a: 1 }, other: 2 })).toBe('{"a":1}');
    expect(liveSignature([1, 2])).toBe('[1,2]');
  });
});
