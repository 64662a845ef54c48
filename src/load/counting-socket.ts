// A `ws` WebSocket that counts frames and bytes in both directions, for the report's message
// rates. Handed to the SDK as its WebSocket constructor, so the bots use the SDK unchanged.

import WebSocket from 'ws';
import type { WebSocketConstructor } from '../sdk/index.js';

export interface FrameCounters {
  framesIn: number;
  framesOut: number;
  bytesIn: number;
  bytesOut: number;
}

export function newFrameCounters(): FrameCounters {
  return { framesIn: 0, framesOut: 0, bytesIn: 0, bytesOut: 0 };
}

/** A WebSocket class bound to `counters`; every socket it makes adds to them. */
export function countingWebSocket(counters: FrameCounters): WebSocketConstructor {
  return class CountingWebSocket extends WebSocket {
    constructor(url: string) {
      // No compression: Pitboss's server refuses it anyway, and it would skew the byte counts.
      super(url, { perMessageDeflate: false });
      this.on('message', (data: Buffer) => {
        counters.framesIn++;
        counters.bytesIn += data.length;
      });
    }

    override send(data: string): void {
      counters.framesOut++;
      counters.bytesOut += Buffer.byteLength(data);
      super.send(data);
    }
  };
}
