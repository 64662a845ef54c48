// Starting a hand: who is dealt in, the button and blinds, antes and blinds posted, hole cards dealt.

import { reject, type Rejection } from '../contract.js';
import { parseFullDeck, shuffledDeck } from './deck.js';
import type { Ctx } from './draft.js';
import { progress } from './flow.js';
import { clockwiseFrom, computePots, publicPots } from './pots.js';
import { choosePositions } from './positions.js';
import { handRunning } from './rules.js';
import type { BlindKind, HandPlayer, HandState, HoldemState } from './types.js';
import { FULL_DECK, type Card } from '../cards.js';
import { dealRng, entropyInSeats, revealDeal, type DealReveal } from '../fair-deal.js';

/** Seats that would be dealt into a hand starting now: playing, with chips. */
export function dealableSeats(state: HoldemState): number[] {
  const seats: number[] = [];
  state.seats.forEach((s, i) => {
    if (s !== null && s.status === 'playing' && s.chips > 0) seats.push(i);
  });
  return seats;
}

export function canStart(state: HoldemState): boolean {
  return !handRunning(state) && dealableSeats(state).length >= 2;
}

export function startHand(ctx: Ctx, stacked: unknown): Rejection | null {
  const state = ctx.state;
  if (handRunning(state)) return reject('hand/in_progress', 'a hand is already in progress');
  const active = dealableSeats(state);
  if (active.length < 2)
    return reject('hand/not_enough_players', 'at least two players with chips must be in');
  let deck: Card[];
  let deal: DealReveal | null = null;
  if (stacked === undefined && state.verifiable === true) {
    deal = revealDeal(
      state.rng.key,
      state.handNumber + 1,
      entropyInSeats(state.nextEntropy, (seat) => state.seats[seat]?.player),
    );
    state.nextEntropy = undefined;
    deck = dealRng(deal.seed, deal.entropy).shuffle(FULL_DECK);
  } else if (stacked === undefined) {
    const shuffled = shuffledDeck(state.rng);
    deck = shuffled.deck;
    state.rng = shuffled.rng;
  } else {
    const parsed = parseFullDeck(stacked);
    if (parsed === null)
      return reject('hand/invalid_deck', 'a stacked deck must list the 52 cards, each once');
    deck = parsed;
  }

  const previous = state.hand;
  const pos = choosePositions(active, previous, state.config.seats);
  const dealOrder = clockwiseFrom(pos.button, active, state.config.seats);
  const n = dealOrder.length;
  // Card k goes to the k-th player in dealing order, card n + k is their second card.
  const players: HandPlayer[] = [];
  dealOrder.forEach((seat, k) => {
    const s = state.seats[seat];
    const first = deck[k];
    const second = deck[n + k];
    if (s === null || s === undefined || first === undefined || second === undefined) return;
    players.push({
      seat,
      player: s.player,
      name: s.name,
      startChips: s.chips,
      cards: [first, second],
      bet: 0,
      committed: 0,
      folded: false,
      allIn: false,
      acted: false,
      shown: false,
      mucked: false,
      vacated: false,
    });
  });
  players.sort((a, b) => a.seat - b.seat);
  state.handNumber += 1;
  const bigBlind = state.config.bigBlind;
  const hand: HandState = {
    number: state.handNumber,
    deck,
    deal,
    next: 2 * n,
    button: pos.button,
    sbPosition: pos.sbPosition,
    smallBlind: pos.smallBlind,
    bigBlind: pos.bigBlind,
    players,
    board: [],
    street: 'preflop',
    // Callers must match the full big blind even when the big blind's own stack was short.
    currentBet: bigBlind,
    minRaise: bigBlind,
    aggressor: null,
    toAct: null,
    complete: false,
    awards: [],
    log: [],
  };
  state.hand = hand;
  ctx.events.push({
    type: 'hand_started',
    hand: hand.number,
    ...(deal === null ? {} : { deal: { hand: deal.hand, commitment: deal.commitment } }),
  });
  ctx.events.push({
    type: 'positions',
    button: pos.button,
    smallBlind: pos.smallBlind,
    bigBlind: pos.bigBlind,
    seats: active,
    currentBet: bigBlind,
    minRaiseTo: 2 * bigBlind,
  });

  const c = state.config;
  if (c.ante > 0 && !c.bigBlindAnte) {
    for (const seat of dealOrder) post(ctx, hand, seat, 'ante', c.ante);
  }
  if (pos.smallBlind !== null) post(ctx, hand, pos.smallBlind, 'small', c.smallBlind);
  post(ctx, hand, pos.bigBlind, 'big', bigBlind);
  // Big-blind ante: the blind comes first, so a short big blind pays the blind before the ante.
  if (c.ante > 0 && c.bigBlindAnte) post(ctx, hand, pos.bigBlind, 'ante', c.ante);

  for (const seat of dealOrder) {
    const p = players.find((q) => q.seat === seat);
    if (p !== undefined) ctx.events.push({ type: 'hole_cards', seat, cards: p.cards });
  }
  progress(ctx, pos.bigBlind);
  return null;
}

function post(ctx: Ctx, hand: HandState, seatIndex: number, blind: BlindKind, amount: number): void {
  const seat = ctx.state.seats[seatIndex];
  const p = hand.players.find((q) => q.seat === seatIndex);
  if (seat === null || seat === undefined || p === undefined) return;
  const paid = Math.min(amount, seat.chips);
  if (paid === 0) return;
  seat.chips -= paid;
  p.committed += paid;
  if (blind !== 'ante') p.bet += paid;
  p.allIn = seat.chips === 0;
  hand.log.push({ kind: 'post', seat: seatIndex, blind, amount: paid, allIn: p.allIn });
  ctx.events.push({
    type: 'post',
    seat: seatIndex,
    blind,
    amount: paid,
    chips: seat.chips,
    bet: p.bet,
    allIn: p.allIn,
    pots: publicPots(computePots(hand.players, true)),
  });
}
