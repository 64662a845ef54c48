// bench:peers' Colyseus peer must play the workload it is compared on — every bot action legal,
// hands dealt one after another — and keep hole cards to their own player, as Pitboss does;
// otherwise "Pitboss ÷ Colyseus" compares servers doing different work.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startColyseusProcess, type ColyseusProcess } from '../../bench/peers/colyseus-process.js';
import { joinTable, seatPlayers } from '../../bench/peers/colyseus-players.js';

let server: ColyseusProcess;
let url: string;

beforeAll(async () => {
  server = await startColyseusProcess({ patchRate: null, seats: 3, turnSeconds: 30, handDelayMs: 50 });
  url = `ws://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server.stop();
});

describe('the Colyseus peer of bench:peers', () => {
  it('plays hand after hand with the bot policy, no action refused and no turn timed out', async () => {
    const players = await seatPlayers(url, { players: 3, seats: 3, think: () => 1, parallel: 1 });
    try {
      await vi.waitFor(
        async () => {
          const stats = await server.stats();
          expect(stats.accepted).toBeGreaterThanOrEqual(40);
          expect(stats.hands).toBeGreaterThanOrEqual(3);
        },
        { timeout: 20_000, interval: 100 },
      );
      const stats = await server.stats();
      expect(stats).toMatchObject({ rejected: 0, timeouts: 0 });
      expect(players.counters).toMatchObject({ rejected: 0 });
      expect(players.counters.sent).toBeGreaterThanOrEqual(stats.accepted);
    } finally {
      await players.stop();
    }
  });

  it('shows each player their own hole cards and nobody else’s', async () => {
    // These players never act: their turns are heard and let time out.
    const rooms = await joinTable(url, 3, (room) => room.onMessage('turn', () => undefined));
    try {
      await vi.waitFor(() => expect(rooms.every((room) => room.state.handNumber >= 1)).toBe(true), {
        timeout: 10_000,
      });
      await vi.waitFor(() => {
        for (const room of rooms) {
          const mine = room.state.seats.findIndex((seat) => seat.player === room.sessionId);
          // A field outside this client's StateView is not there at all on the client.
          const cards = room.state.seats.map(
            (seat) => (seat.holeCards as { readonly length: number } | undefined)?.length ?? 0,
          );
          expect(cards).toEqual(cards.map((_, seat) => (seat === mine ? 2 : 0)));
        }
      });
    } finally {
      await Promise.allSettled(rooms.map((room) => room.leave(true)));
    }
  });
});
