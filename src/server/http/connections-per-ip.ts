// Per-IP accounting of TCP connections, from accept to close. Every socket counts — WebSockets,
// keep-alive HTTP connections and sockets still sending their request headers — and is released
// by the socket's own 'close', whatever path ends it (a refused or malformed upgrade, a timed-out
// handshake, a WebSocket closing). Counting anything later than accept would let half-open
// handshakes (slowloris) pile up uncounted; releasing anywhere but 'close' would leak counts on
// the paths that forget to (issue 9: malformed upgrades locked an IP out until restart).

import type { Socket } from 'node:net';

/** How long a refused socket may stay open to read its 429. */
const REFUSED_LINGER_MS = 2000;

export class ConnectionsPerIp {
  readonly #max: number;
  readonly #open = new Map<string, number>();
  readonly #onRefused: (ip: string) => void;
  readonly #refused = new WeakSet<object>();

  constructor(max: number, onRefused: (ip: string) => void = () => {}) {
    this.#max = max;
    this.#onRefused = onRefused;
  }

  /**
   * Counts a freshly accepted socket and returns true, or, over the cap, marks it refused and
   * returns false: its first request or upgrade is answered 429 (`isRefused`), and it is destroyed
   * after `REFUSED_LINGER_MS` whatever it sends, so refused sockets cannot pile up either.
   */
  admit(socket: Socket): boolean {
    const ip = socket.remoteAddress ?? 'unknown';
    const count = this.#open.get(ip) ?? 0;
    if (count >= this.#max) {
      this.#onRefused(ip);
      this.#refused.add(socket);
      const timer = setTimeout(() => socket.destroy(), REFUSED_LINGER_MS);
      socket.once('close', () => clearTimeout(timer));
      return false;
    }
    this.#open.set(ip, count + 1);
    socket.once('close', () => {
      const left = (this.#open.get(ip) ?? 1) - 1;
      if (left <= 0) this.#open.delete(ip);
      else this.#open.set(ip, left);
    });
    return true;
  }

  /** True for a socket `admit` refused: answer its request with 429 and close it. */
  isRefused(socket: object): boolean {
    return this.#refused.has(socket);
  }
}
