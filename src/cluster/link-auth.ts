// Node links are authenticated with the cluster's shared secret: the dialling node sends its id
// and `<time>.<HMAC-SHA256(secret, "<nodeId>.<time>")>` with the upgrade; the listening node
// checks the MAC (in constant time) and that the time is recent. The secret itself never crosses
// the wire, and a captured header is useless after the window.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const NODE_HEADER = 'x-pitboss-node';
export const AUTH_HEADER = 'x-pitboss-auth';
/** How far a link's timestamp may be from the listener's clock. */
const WINDOW_MS = 60_000;

export function linkHeaders(secret: string, nodeId: string, now: number): Record<string, string> {
  return { [NODE_HEADER]: nodeId, [AUTH_HEADER]: `${now}.${mac(secret, nodeId, now)}` };
}

/** The authenticated peer's node id, or null. */
export function verifyLink(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  now: number,
): string | null {
  const nodeId = headers[NODE_HEADER];
  const auth = headers[AUTH_HEADER];
  if (typeof nodeId !== 'string' || typeof auth !== 'string' || nodeId.length > 64) return null;
  const dot = auth.indexOf('.');
  const time = Number(auth.slice(0, dot));
  if (dot <= 0 || !Number.isSafeInteger(time) || Math.abs(now - time) > WINDOW_MS) return null;
  const given = Buffer.from(auth.slice(dot + 1));
  const expected = Buffer.from(mac(secret, nodeId, time));
  return given.length === expected.length && timingSafeEqual(given, expected) ? nodeId : null;
}

function mac(secret: string, nodeId: string, time: number): string {
  return createHmac('sha256', secret).update(`${nodeId}.${time}`).digest('base64url');
}
