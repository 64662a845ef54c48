// Routes each validated client request to its handler. A handler returns the ack's result, a
// Rejection (sent as a typed error), or ACKED when it has already sent the ack itself (to order
// it before messages that must follow it).

import type { Rejection } from '../../games/contract.js';
import type { AckResults, ClientMessage, ClientMessageType, ClientRequest } from '../../protocol/messages.js';
import { authHandlers } from './auth-handlers.js';
import type { GatewayContext } from './gateway-context.js';
import { infoHandlers } from './info-handlers.js';
import type { Session } from './session.js';
import { tableHandlers } from './table-handlers.js';

export const ACKED = Symbol('acked');

export type Handler<K extends ClientMessageType> = (
  session: Session,
  request: ClientRequest<K>,
  ctx: GatewayContext,
) => Promise<AckResults[K] | Rejection | typeof ACKED>;

export type HandlerMap<K extends ClientMessageType> = { readonly [T in K]: Handler<T> };

const handlers: HandlerMap<ClientMessageType> = { ...authHandlers, ...infoHandlers, ...tableHandlers };

export async function handleRequest(
  session: Session,
  request: ClientMessage,
  ctx: GatewayContext,
): Promise<unknown> {
  // The union of handlers is not callable with the union of requests; each handler is keyed by
  // the very type it accepts, so this pairing is sound.
  const handler = handlers[request.type] as Handler<ClientMessageType>;
  return handler(session, request, ctx);
}

export function ackMessage<K extends ClientMessageType>(
  ref: ClientRequest<K>['id'],
  result: AckResults[K],
): string {
  return JSON.stringify({ type: 'ack', ref, result });
}
