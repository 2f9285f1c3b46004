/**
 * Cross-site request protection: a state-changing request or a WebSocket upgrade must come
 * from this site. Browsers always send `Origin` on those; a mismatch is refused.
 */
import type { FastifyRequest } from 'fastify';

/** True when the request has no Origin (not a browser) or its Origin is this host or an allowed one. */
export function isSameOrigin(request: FastifyRequest, allowedOrigins: string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return request.headers['sec-fetch-site'] !== 'cross-site';
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}
