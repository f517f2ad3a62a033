import type { Recipient } from './audience';
import type { SendChoice } from './choices';

/** What happened to one send. */
export type SendResult =
  | { outcome: 'sent' }
  | { outcome: 'blocked' }
  | { outcome: 'outsideWindow' }
  /** Rate limited: try again after this many seconds. */
  | { outcome: 'retry'; afterSeconds: number }
  /** A failure that may pass (5xx, network). */
  | { outcome: 'transient'; detail: string }
  | { outcome: 'failed'; detail: string };

/**
 * Sends one broadcast message on one channel, with buttons that run a command when the
 * channel has buttons (and otherwise the commands written out to type).
 */
export interface Sender {
  send(recipient: Recipient, text: string, choices?: readonly SendChoice[]): Promise<SendResult>;
}

/** Senders by channel name. A channel without one counts its recipients as failed. */
export type Senders = Readonly<Partial<Record<string, Sender>>>;
