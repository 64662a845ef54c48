// The slice of the WebSocket API the SDK uses. Both the browser's global `WebSocket` and the `ws`
// package's class satisfy it, so the SDK imports nothing from Node: callers inject the constructor.

export interface SocketMessageEvent {
  /** A string for text frames (the only kind Pitboss sends); binary data is ignored. */
  readonly data: unknown;
}

export interface SocketCloseEvent {
  readonly code: number;
  readonly reason: string;
}

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: SocketMessageEvent) => void): void;
  addEventListener(type: 'close', listener: (event: SocketCloseEvent) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** `readyState` of an open socket, the same number in every implementation. */
export const SOCKET_OPEN = 1;

/** The global WebSocket of a browser (or Node ≥ 22), if there is one. */
export function globalWebSocket(): WebSocketConstructor | undefined {
  return (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
}
