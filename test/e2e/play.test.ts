// One real node process, driven by SDK clients the way players drive it.

import { afterEach, describe, expect, it } from 'vitest';
import { games } from '../../src/games/index.js';
import { TableClient, verifyHand } from '../../src/sdk/index.js';
import { removeDataDir, startNode, tempDataDir, type NodeProcess } from '../support/node-process.js';
import {
  autoPlay,
  createTable,
  expectChipsConserved,
  FAST_FLAGS,
  guest,
  historyRecord,
  playCheckCall,
  publicCards,
  RawSocket,
  until,
  type Player,
  recordEvents,
  type AnyEvent,
} from './helpers.js';

let node: NodeProcess | null = null;
const cleanups: (() => void | Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  if (node) {
    await node.stop();
    removeDataDir(node.dataDir);
    node = null;
  }
});

function closeAfter(...players: Player[]): void {
  for (const p of players) cleanups.push(() => p.client.close());
}

/** Alice and Bob signed in on `n`, a Hold'em table Alice created, and a TableClient each (not seated yet). */
async function aliceAndBob(n: NodeProcess, options: Parameters<typeof createTable>[2]) {
  const alice = await guest(n, 'Alice');
  const bob = await guest(n, 'Bob');
  closeAfter(alice, bob);
  const table = await createTable(alice, 'holdem', options);
  const aliceTable = new TableClient(alice.client, table, games.holdem);
  const bobTable = new TableClient(bob.client, table, games.holdem);
  return { alice, bob, table, aliceTable, bobTable };
}

const handsEnded = (events: { event: AnyEvent }[]) =>
  events.filter((e) => e.event.type === 'hand_ended').length;

describe('one node, played through the SDK', () => {
  it('lets two players and a bot play hands to the end, and the ledger balances', async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const { alice, bob, table, aliceTable, bobTable } = await aliceAndBob(node, { bots: 1 });
    const events = recordEvents(alice, table);
    expect(await aliceTable.join(500)).toMatchObject({ balance: 9500 });
    await bobTable.join(500);
    cleanups.push(autoPlay(aliceTable, games.holdem, 1), autoPlay(bobTable, games.holdem, 2));

    await until(() => handsEnded(events) >= 3, 60_000, 'three hands');
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));

    // The hands Alice was dealt into and saw end (she may have lost her stack early on: her bot
    // plays at random), from her own events.
    const dealt = new Set<number>();
    const ended = new Set<number>();
    let current = 0;
    for (const { event } of events) {
      if (event.type === 'hand_started') current = Number(event.hand);
      if (event.type === 'hole_cards' && Array.isArray(event.cards)) dealt.add(current);
      if (event.type === 'hand_ended') ended.add(current);
    }
    const played = [...dealt].filter((h) => ended.has(h));
    expect(played.length).toBeGreaterThanOrEqual(1);
    // Histories are written after the hand's events go out (off the table's critical path), so
    // the newest hand can take a moment to be listed.
    const listed = async () =>
      (await alice.client.request('history.list', { limit: 100, table })).hands.map((h) => h.hand);
    let atTable = await listed();
    for (const started = Date.now(); !played.every((h) => atTable.includes(h));) {
      if (Date.now() - started > 10_000) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
      atTable = await listed();
    }
    expect(atTable).toEqual(expect.arrayContaining(played));
    // Only hands she was dealt into, newest first.
    for (const h of atTable) expect(dealt.has(h) || h > Math.max(...ended)).toBe(true);
    expect(atTable).toEqual([...atTable].sort((a, b) => b - a));
    // The same hands in the unfiltered list (play goes on, so newer ones may have joined).
    const history = await alice.client.request('history.list', { limit: 100 });
    expect(history.hands.filter((h) => h.table === table).map((h) => h.hand)).toEqual(
      expect.arrayContaining(played),
    );
    const elsewhere = await alice.client.request('history.list', { limit: 10, table: 'no-such-table' });
    expect(elsewhere.hands).toEqual([]);
    const first = history.hands[0];
    if (!first) throw new Error('no hand');
    const hand = await alice.client.request('history.get', { table: first.table, hand: first.hand });
    expect(hand.hand.record).toMatchObject({ game: 'holdem' });
    // What she won or lost in it, the same in the list and in the hand.
    expect(Number.isInteger(first.net)).toBe(true);
    expect(hand.hand.net).toBe(first.net);
    await expect(bob.client.request('history.get', { table, hand: 999 })).rejects.toMatchObject({
      code: 'request/not_found',
    });

    await expectChipsConserved(node);
  });

  it("deals hands anyone can verify: both players' clients mix in their entropy, and no seed is sent before its hand ends", async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const alice = await guest(node, 'Alice');
    const bob = await guest(node, 'Bob');
    const carol = await guest(node, 'Carol');
    closeAfter(alice, bob, carol);
    const table = await createTable(alice, 'holdem', { bots: 0 });
    const aliceTable = new TableClient(alice.client, table, games.holdem);
    const bobTable = new TableClient(bob.client, table, games.holdem);
    const events = recordEvents(alice, table);
    await aliceTable.join(500);
    await bobTable.join(500);
    // Check/call with a rebuy on busting: two seats alone at a table stop dealing once either
    // loses every chip (the bot policy's all-ins did that in CI, and no fourth hand came).
    const plays = [playCheckCall(aliceTable), playCheckCall(bobTable)];
    cleanups.push(...plays.map((p) => () => p.stop()));
    await until(() => handsEnded(events) >= 4, 60_000, 'four hands');

    const records = [];
    for (const { seq, event } of events) {
      if (event.type !== 'hand_ended') continue;
      const hand = Number(event.hand);
      const mine = await historyRecord(alice, table, hand);
      const theirs = await historyRecord(carol, table, hand);
      for (const record of [mine, theirs, event.record]) expect(verifyHand(record).problems).toEqual([]);
      const seed = verifyHand(mine).deal?.seed ?? '';
      expect(seed).toMatch(/^[0-9a-f]{64}$/);
      // Nothing Alice received before this hand ended carried its seed.
      for (const earlier of events.filter((e) => e.seq < seq))
        expect(JSON.stringify(earlier)).not.toContain(seed);
      records.push(verifyHand(mine));
    }
    // After the first hand (their seats may come too late for it), each hand's deck took both
    // players' values: sent by their SDK clients as soon as the next hand's commitment was told.
    const mixed = records.filter((r) => (r.deal?.entropy.length ?? 0) === 2);
    expect(mixed.length, JSON.stringify(records.map((r) => r.deal?.entropy))).toBeGreaterThanOrEqual(2);
    await expectChipsConserved(node);
  });

  it('never sends a spectator a hole card that was not shown', async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const alice = await guest(node, 'Alice');
    const bob = await guest(node, 'Bob');
    const carol = await guest(node, 'Carol');
    closeAfter(alice, bob, carol);
    const table = await createTable(alice, 'holdem', { bots: 1 });
    const spectatorFrames: string[] = [];
    carol.client.on('table.event', (m) => spectatorFrames.push(JSON.stringify(m)));
    carol.client.on('table.view', (m) => spectatorFrames.push(JSON.stringify(m)));
    await new TableClient(carol.client, table, games.holdem).watch();
    const aliceTable = new TableClient(alice.client, table, games.holdem);
    const bobTable = new TableClient(bob.client, table, games.holdem);
    const aliceEvents = recordEvents(alice, table);
    const bobEvents = recordEvents(bob, table);
    await aliceTable.join(500);
    await bobTable.join(500);
    cleanups.push(autoPlay(aliceTable, games.holdem, 3), autoPlay(bobTable, games.holdem, 4));
    await until(() => handsEnded(aliceEvents) >= 4, 60_000, 'four hands');

    // Hand by hand (a card dealt to a player in one hand can be on the board in another): the
    // players' own hole cards from what each was dealt, against every frame the spectator got
    // during that hand, less the cards shown at its showdown and the board.
    const byHand = (events: { event: AnyEvent }[]) => {
      const hands = new Map<number, AnyEvent[]>();
      let hand = 0;
      for (const { event } of events) {
        if (event.type === 'hand_started') hand = Number(event.hand);
        if (hand > 0) hands.set(hand, [...(hands.get(hand) ?? []), event]);
      }
      return hands;
    };
    const spectatorEvents = spectatorFrames
      .map((f) => JSON.parse(f) as { type: string; event?: AnyEvent })
      .filter((m) => m.type === 'table.event' && m.event)
      .map((m) => ({ event: m.event as AnyEvent }));
    const spectatorHands = byHand(spectatorEvents);
    const playerHands = [byHand(aliceEvents), byHand(bobEvents)];
    /** The hole cards Alice and Bob were dealt in `hand`, from their own events. */
    const dealtIn = (hand: number) =>
      playerHands.flatMap((h) =>
        (h.get(hand) ?? [])
          .filter((e) => e.type === 'hole_cards' && Array.isArray(e.cards))
          .flatMap((e) => e.cards as string[]),
      );
    let checked = 0;
    for (const [hand, seen] of spectatorHands) {
      const dealt = dealtIn(hand);
      const shown = publicCards(seen);
      for (const e of seen) {
        if (e.type === 'hole_cards') expect(e.cards).toBeNull();
        const json = JSON.stringify(
          e.type === 'hand_ended' ? { ...e, record: { ...(e.record as object), board: [] } } : e,
        );
        for (const card of dealt.filter((c) => !shown.has(c)))
          expect(json, `hand ${hand}: ${card}`).not.toContain(`"${card}"`);
      }
      checked += dealt.length;
    }
    expect(checked).toBeGreaterThanOrEqual(8);

    // The table's public history, read by the spectator: every hand, and in each record only the
    // cards that were shown or on the board — the same rule as live.
    for (let i = 0; i < 200; i++) {
      const written = await carol.client.request('history.list', { table, scope: 'table', limit: 100 });
      if (written.hands.length >= 4) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const listed = await carol.client.request('history.list', { table, scope: 'table', limit: 2 });
    expect(listed.hands.map((h) => h.net)).toEqual([null, null]);
    expect(listed.next).not.toBeNull();
    const older = await carol.client.request('history.list', {
      table,
      scope: 'table',
      limit: 2,
      cursor: listed.next ?? '',
    });
    expect(Math.max(...older.hands.map((h) => h.hand))).toBeLessThan(
      Math.min(...listed.hands.map((h) => h.hand)),
    );
    for (const h of [...listed.hands, ...older.hands]) {
      const dealt = dealtIn(h.hand);
      const shown = publicCards(spectatorHands.get(h.hand) ?? []);
      const { hand: got } = await carol.client.request('history.get', { table, hand: h.hand });
      const json = JSON.stringify({ ...(got.record as object), board: [] });
      for (const card of dealt.filter((c) => !shown.has(c)))
        expect(json, `hand ${h.hand}: ${card}`).not.toContain(`"${card}"`);
    }
    // A table nobody may watch keeps its history to its players.
    const closed = await createTable(bob, 'holdem', { bots: 1, spectators: false });
    await expect(
      carol.client.request('history.list', { table: closed, scope: 'table', limit: 10 }),
    ).rejects.toMatchObject({ code: 'request/forbidden' });
    await expectChipsConserved(node);
  });

  it('resumes a reconnecting player mid-hand with no missed and no doubled event', async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const { alice, table, aliceTable, bobTable } = await aliceAndBob(node, { bots: 2 });
    const events = recordEvents(alice, table);
    await aliceTable.join(500);
    await bobTable.join(500);
    cleanups.push(autoPlay(aliceTable, games.holdem, 5), autoPlay(bobTable, games.holdem, 6));
    await until(
      () => handsEnded(events) >= 1 && aliceTable.state.view?.inHand === true,
      60_000,
      'a hand in progress',
    );

    // Cut Alice's connection as a network failure would; the SDK reconnects and resumes.
    const restored = new Promise((resolve) => alice.client.once('restored', resolve));
    const socket = alice.sockets.at(-1);
    expect(socket?.readyState).toBe(socket?.OPEN);
    socket?.terminate();
    await restored;
    const seenAtCut = events.length;
    await until(
      () => events.length > seenAtCut + 20 && handsEnded(events) >= 3,
      60_000,
      'play after the reconnect',
    );

    const seqs = events.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));

    // The view Alice maintained by folding events equals a fresh view of the table.
    cleanups.splice(0).forEach((c) => void c());
    const again = await guest(node, 'Alice', { token: alice.token });
    closeAfter(again);
    const fresh = new TableClient(again.client, table, games.holdem);
    await fresh.watch();
    await until(() => fresh.state.seq !== null, 10_000, 'a fresh view');
    await until(() => aliceTable.state.seq === fresh.state.seq, 20_000, 'both views at the same seq').catch(
      (error: unknown) => {
        // Say where each view stood: a view stuck behind is a lost event, not a slow machine.
        const at = `resumed view at seq ${aliceTable.state.seq}, fresh view at seq ${fresh.state.seq}`;
        throw new Error(`${String(error)} (${at})`, { cause: error });
      },
    );
    expect(aliceTable.state.view).toEqual(fresh.state.view);
  });

  it('sends every message as a text frame, the frames several watchers share included', async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const { table, aliceTable, bobTable } = await aliceAndBob(node, { bots: 1 });
    // A browser hands a binary frame over as a Blob, which the client would not read.
    const watcher = await RawSocket.signedIn(node, 'Watcher');
    cleanups.push(() => watcher.close());
    expect(await watcher.request({ id: 'w', type: 'table.watch', table })).toMatchObject({ type: 'ack' });
    await aliceTable.join(500);
    await bobTable.join(500);
    cleanups.push(autoPlay(aliceTable, games.holdem, 5), autoPlay(bobTable, games.holdem, 6));
    const eventFrames = () =>
      watcher.received.filter((m) => m.type === 'table.event' || m.type === 'table.events');
    const handEnded = (m: { [k: string]: unknown }) =>
      JSON.stringify(m.event ?? m.events ?? null).includes('"type":"hand_ended"');
    await until(() => eventFrames().some(handEnded), 60_000, "the spectator hears a hand's end");
    expect(eventFrames().length).toBeGreaterThan(3);
    expect(watcher.binaryFrames).toBe(0);
  });

  it('answers a table action only after recording it, and every other seat hears of it', async () => {
    node = await startNode({ flags: FAST_FLAGS });
    const { alice, bob, table, aliceTable, bobTable } = await aliceAndBob(node, { bots: 0 });
    const bobEvents = recordEvents(bob, table);
    await aliceTable.join(500);
    await bobTable.join(500);
    await until(() => aliceTable.state.legal !== null || bobTable.state.legal !== null, 20_000, 'a turn');
    const [actor, other] =
      aliceTable.state.legal !== null ? [aliceTable, bobEvents] : [bobTable, recordEvents(alice, table)];
    const ack = await actor.act({ type: 'fold' });
    await until(() => other.some((e) => e.seq === ack.seq), 10_000, 'the other seat hearing the fold');
    expect(other.some((e) => e.event.type === 'action')).toBe(true);
    await expectChipsConserved(node);
  });
});

describe('one node across a crash', () => {
  it('resumes every table at its last acknowledged action after SIGKILL and restart, with the same cards', async () => {
    const dataDir = tempDataDir();
    node = await startNode({ dataDir, flags: FAST_FLAGS });
    const port = node.port;
    const { alice, bob, aliceTable, bobTable } = await aliceAndBob(node, {
      bots: 0,
      turnSeconds: 600,
    });
    await aliceTable.join(500);
    await bobTable.join(500);
    // Play a few actions by hand: call, then check, so the hand is mid-street when the node dies.
    let lastAck = 0;
    for (let i = 0; i < 2; i++) {
      await until(() => aliceTable.state.legal !== null || bobTable.state.legal !== null, 20_000, 'a turn');
      const acting = aliceTable.state.legal !== null ? aliceTable : bobTable;
      lastAck = (await acting.act(acting.state.legal?.check === true ? { type: 'check' } : { type: 'call' }))
        .seq;
    }
    const before = { alice: aliceTable.state.view, bob: bobTable.state.view, seq: aliceTable.state.seq };
    expect(before.alice?.inHand).toBe(true);
    expect(before.alice?.holeCards).toHaveLength(2);
    expect(before.seq).toBeGreaterThanOrEqual(lastAck);

    await node.kill();
    node = await startNode({ dataDir, port, flags: FAST_FLAGS });
    // Both clients reconnect on their own, re-watch from their last seq, and see the same hand.
    await until(() => alice.client.state === 'open' && bob.client.state === 'open', 30_000, 'reconnects');
    await until(
      () => aliceTable.state.seq !== null && aliceTable.state.seq >= lastAck,
      30_000,
      'resumed view',
    );
    expect(aliceTable.state.view).toEqual(before.alice);
    expect(bobTable.state.view).toEqual(before.bob);

    // And the game goes on from there.
    await until(
      () => aliceTable.state.legal !== null || bobTable.state.legal !== null,
      20_000,
      'a turn after restart',
    );
    const acting = aliceTable.state.legal !== null ? aliceTable : bobTable;
    expect((await acting.act({ type: 'fold' })).seq).toBeGreaterThan(lastAck);
    await expectChipsConserved(node);
  });
});
