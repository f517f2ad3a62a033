/** Clock and sleep, injectable so tests run without waiting. */
export interface Timing {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Real time. */
export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Spaces sends evenly to stay under a rate (Telegram allows about 30 messages a second
 * overall); `wait` resolves when the next send may start.
 */
export class Pacer {
  private next = 0;

  constructor(
    private readonly perSecond: number,
    private readonly timing: Timing = realTiming,
  ) {}

  async wait(): Promise<void> {
    const now = this.timing.now();
    const at = Math.max(this.next, now);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await this.timing.sleep(at - now);
  }

  /** Hold everything back, as a 429's retry_after asks. */
  pause(ms: number): void {
    this.next = Math.max(this.next, this.timing.now() + ms);
  }
}
