import type { HandledMessage } from './port';

/**
 * Read a handled-message marker and its stored replies, as both adapters keep them: the
 * marker is `o:<token>` (committed by that turn) or `d:<token>` (delivered); the replies
 * sit apart so erasing a person can drop them. A marker written before markers existed
 * holds the replies themselves: read it as delivered, so nothing is sent twice.
 */
export function readHandled(marker: string, replies: string | null | undefined): HandledMessage {
  const kind = marker.slice(0, 2);
  if (kind === 'o:' || kind === 'd:') {
    return {
      replies: replies === null || replies === undefined ? null : (JSON.parse(replies) as unknown),
      owner: marker.slice(2),
      delivered: kind === 'd:',
    };
  }
  return { replies: JSON.parse(marker) as unknown, owner: '', delivered: true };
}
