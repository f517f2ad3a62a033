/** The bucket of every client whose address we cannot trust (no Cloudflare edge in front). */
export const DIRECT_CLIENT = 'direct';

/**
 * Who sent a request. Behind Cloudflare (`request.cf` is set by the edge, never by a client)
 * the edge's `CF-Connecting-IP` names the client. Without the edge (workerd or `wrangler dev`
 * reached directly, Node tests) the Worker sees no peer address and any header is the
 * caller's own word: every such client is {@link DIRECT_CLIENT}.
 *
 * Read it before anything replaces the request (hono's body limit re-creates a chunked
 * request, and the copy has no `cf`).
 *
 * @example clientOf(new Request('http://x/')) // 'direct'
 */
export function clientOf(request: Request): string {
  const cf = (request as Request & { cf?: unknown }).cf;
  if (typeof cf !== 'object' || cf === null) return DIRECT_CLIENT;
  const ip = request.headers.get('CF-Connecting-IP')?.trim();
  return ip && /^[0-9A-Fa-f:.]{2,45}$/.test(ip) ? ip : DIRECT_CLIENT;
}
