import type { Recipient } from './audience';

/** One queue message: a chunk of one job's recipients. */
export interface BroadcastChunk {
  jobId: string;
  recipients: Recipient[];
}

/** Where chunks go: a Cloudflare Queue in production, a stand-in in tests. */
export interface BroadcastQueue {
  sendBatch(chunks: readonly BroadcastChunk[]): Promise<void>;
}

/**
 * A broadcast was asked for but the Worker has no `BROADCAST` queue binding: nothing would
 * ever deliver it, so it is refused before anything is stored (503 at the edge).
 */
export class BroadcastQueueMissingError extends Error {
  override readonly name = 'BroadcastQueueMissingError';
  constructor() {
    super(
      'The BROADCAST queue binding is missing: declare the queue (producer and consumer) for this environment in wrangler.toml and redeploy.',
    );
  }
}

/** Cloudflare allows 100 messages per sendBatch call. */
const BATCH_LIMIT = 100;

/** The Cloudflare Queue producer binding as a {@link BroadcastQueue}. */
export function cloudflareQueue(binding: Queue<BroadcastChunk>): BroadcastQueue {
  return {
    async sendBatch(chunks) {
      for (let i = 0; i < chunks.length; i += BATCH_LIMIT) {
        await binding.sendBatch(chunks.slice(i, i + BATCH_LIMIT).map((body) => ({ body })));
      }
    },
  };
}

/** What the consumer says about one message. */
export type ChunkResult = { ack: true } | { ack: false; delaySeconds?: number };

/**
 * An in-process queue with the same at-least-once semantics as Cloudflare's: a message is
 * delivered until the consumer acks it, and `redeliverEvery` delivers every message once
 * more even after an ack, as a crash between sending and acking would.
 */
export class MemoryQueue implements BroadcastQueue {
  readonly pending: BroadcastChunk[] = [];
  deliveries = 0;

  constructor(private readonly options: { redeliverEvery?: boolean; maxAttempts?: number } = {}) {}

  async sendBatch(chunks: readonly BroadcastChunk[]): Promise<void> {
    this.pending.push(...chunks.map((c) => structuredClone(c)));
  }

  /** Deliver until empty; returns the chunks that exhausted their attempts. */
  async drain(consume: (chunk: BroadcastChunk) => Promise<ChunkResult>): Promise<BroadcastChunk[]> {
    const dead: BroadcastChunk[] = [];
    const attempts = new Map<BroadcastChunk, number>();
    while (this.pending.length > 0) {
      const chunk = this.pending.shift()!;
      const tries = (attempts.get(chunk) ?? 0) + 1;
      attempts.set(chunk, tries);
      this.deliveries += 1;
      const result = await consume(structuredClone(chunk)).catch((): ChunkResult => ({
        ack: false,
      }));
      if (!result.ack) {
        if (tries < (this.options.maxAttempts ?? 5)) this.pending.push(chunk);
        else dead.push(chunk);
      } else if (this.options.redeliverEvery && tries === 1) {
        this.pending.push(chunk);
      }
    }
    return dead;
  }
}
