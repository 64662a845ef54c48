// Hand-history export in the PokerStars text format, the format most poker tools (trackers,
// replayers, converters) read. Chips are plain numbers ("play money" style stakes: "(5/10)").
// Hand descriptions use Pitboss's wording ("Pair of Kings"); tools ignore that text.

import type { Card } from '../cards.js';
import type { PlayerId, SeatIndex } from '../contract.js';
import type { HoldemHandRecord } from './record-types.js';
import type { RecordEntry, Street } from './types.js';

export interface PokerStarsOptions {
  /** Whose hole cards to print as "Dealt to …" (if the record holds them). */
  readonly hero?: PlayerId;
  /** Table name; default "Pitboss". */
  readonly tableName?: string;
  /**
   * When the hand started, already formatted as PokerStars writes it ("2024/05/01 20:15:07 ET").
   * Game code has no clock: the caller passes the time it recorded.
   */
  readonly timestamp?: string;
}

const STREET_NAME: Record<Street, string> = { preflop: 'Flop', flop: 'Flop', turn: 'Turn', river: 'River' };

function cards(list: readonly Card[]): string {
  return `[${list.join(' ')}]`;
}

function potName(pot: number, potCount: number): string {
  if (potCount === 1) return 'pot';
  if (pot === 0) return 'main pot';
  return potCount === 2 ? 'side pot' : `side pot-${pot}`;
}

interface Outcome {
  folded?: Street;
  /** Put chips in voluntarily (PokerStars notes "didn't bet" for preflop folds without). */
  bet?: boolean;
  showed?: readonly Card[];
  description?: string;
  mucked?: boolean;
  won: number;
}

export function exportPokerStars(record: HoldemHandRecord, options: PokerStarsOptions = {}): string {
  const name = new Map<SeatIndex, string>(record.players.map((p) => [p.seat, p.name]));
  const who = (seat: SeatIndex): string => name.get(seat) ?? `Seat ${seat + 1}`;
  const outcome = new Map<SeatIndex, Outcome>(record.players.map((p) => [p.seat, { won: 0 }]));
  const out: string[] = [];
  const timestamp = options.timestamp ?? '1970/01/01 00:00:00 ET';
  out.push(
    `PokerStars Hand #${record.hand}:  Hold'em No Limit (${record.smallBlindAmount}/${record.bigBlindAmount}) - ${timestamp}`,
    `Table '${options.tableName ?? 'Pitboss'}' ${record.seats}-max Seat #${record.button + 1} is the button`,
  );
  for (const p of record.players) out.push(`Seat ${p.seat + 1}: ${p.name} (${p.chips} in chips)`);

  let street: Street = 'preflop';
  let currentBet = record.bigBlindAmount;
  let heroPrinted = false;
  let showdownPrinted = false;
  const allIn = (e: { allIn: boolean }): string => (e.allIn ? ' and is all-in' : '');
  const holeCards = (): void => {
    if (heroPrinted) return;
    heroPrinted = true;
    out.push('*** HOLE CARDS ***');
    const hero = record.players.find((p) => p.player === options.hero);
    if (hero?.cards) out.push(`Dealt to ${hero.name} ${cards(hero.cards)}`);
  };
  const line = (e: RecordEntry): void => {
    const o = 'seat' in e ? outcome.get(e.seat) : undefined;
    switch (e.kind) {
      case 'post': {
        if (o && e.blind !== 'ante') o.bet = true;
        const what = e.blind === 'ante' ? 'the ante' : `${e.blind} blind`;
        out.push(`${who(e.seat)}: posts ${what} ${e.amount}${allIn(e)}`);
        return;
      }
      case 'action':
        if (o && e.amount > 0) o.bet = true;
        if (e.action === 'fold') {
          if (o) o.folded = street;
          out.push(`${who(e.seat)}: folds`);
        } else if (e.action === 'check') out.push(`${who(e.seat)}: checks`);
        else if (e.action === 'call') out.push(`${who(e.seat)}: calls ${e.amount}${allIn(e)}`);
        else if (e.action === 'bet') out.push(`${who(e.seat)}: bets ${e.amount}${allIn(e)}`);
        else out.push(`${who(e.seat)}: raises ${e.to - currentBet} to ${e.to}${allIn(e)}`);
        if (e.action === 'bet' || e.action === 'raise') currentBet = e.to;
        return;
      case 'street': {
        const before = boardBefore(record.board, e.street);
        const label = e.street.toUpperCase();
        out.push(
          before.length === 0
            ? `*** ${label} *** ${cards(e.cards)}`
            : `*** ${label} *** ${cards(before)} ${cards(e.cards)}`,
        );
        street = e.street;
        currentBet = 0;
        return;
      }
      case 'returned':
        out.push(`Uncalled bet (${e.amount}) returned to ${who(e.seat)}`);
        return;
      case 'reveal':
        return; // PokerStars prints all-in hands at the showdown, like any other shown hand.
      case 'show':
        if (!showdownPrinted) out.push('*** SHOW DOWN ***');
        showdownPrinted = true;
        if (o) {
          o.showed = e.cards;
          o.description = e.description;
        }
        out.push(`${who(e.seat)}: shows ${cards(e.cards)} (${e.description})`);
        return;
      case 'muck':
        if (!showdownPrinted) out.push('*** SHOW DOWN ***');
        showdownPrinted = true;
        if (o) o.mucked = true;
        out.push(`${who(e.seat)}: mucks hand`);
        return;
      case 'award':
        for (const w of e.winners) {
          const wo = outcome.get(w.seat);
          if (wo) wo.won += w.amount;
          out.push(`${who(w.seat)} collected ${w.amount} from ${potName(e.pot, e.potCount)}`);
        }
        if (e.description === null) for (const w of e.winners) out.push(`${who(w.seat)}: doesn't show hand`);
        return;
    }
  };
  holeCardsAfterPosts(record.entries, line, holeCards);

  out.push('*** SUMMARY ***');
  out.push(`Total pot ${potSummary(record.entries)} | Rake 0`);
  if (record.board.length > 0) out.push(`Board ${cards(record.board)}`);
  for (const p of record.players)
    out.push(`Seat ${p.seat + 1}: ${p.name}${roles(record, p.seat)} ${summary(outcome.get(p.seat))}`);
  return out.join('\n') + '\n';
}

/** Walks the entries, opening the HOLE CARDS section right after the antes and blinds. */
function holeCardsAfterPosts(
  entries: readonly RecordEntry[],
  line: (e: RecordEntry) => void,
  holeCards: () => void,
): void {
  for (const e of entries) {
    if (e.kind !== 'post') holeCards();
    line(e);
  }
  holeCards();
}

function boardBefore(board: readonly Card[], street: Street): readonly Card[] {
  return street === 'turn' ? board.slice(0, 3) : street === 'river' ? board.slice(0, 4) : [];
}

function potSummary(entries: readonly RecordEntry[]): string {
  const awards = entries.filter((e): e is Extract<RecordEntry, { kind: 'award' }> => e.kind === 'award');
  const total = awards.reduce((sum, a) => sum + a.amount, 0);
  if (awards.length <= 1) return `${total}`;
  const parts = [...awards]
    .sort((a, b) => a.pot - b.pot)
    .map((a) => `${potName(a.pot, a.potCount).replace(/^./, (c) => c.toUpperCase())} ${a.amount}.`);
  return `${total} ${parts.join(' ')}`;
}

function roles(record: HoldemHandRecord, seat: SeatIndex): string {
  let r = '';
  if (record.button === seat) r += ' (button)';
  if (record.smallBlind === seat) r += ' (small blind)';
  if (record.bigBlind === seat) r += ' (big blind)';
  return r;
}

function summary(o: Outcome | undefined): string {
  if (o === undefined) return '';
  if (o.folded !== undefined) {
    return o.folded === 'preflop'
      ? `folded before Flop${o.bet === true ? '' : " (didn't bet)"}`
      : `folded on the ${STREET_NAME[o.folded]}`;
  }
  if (o.showed !== undefined) {
    const result = o.won > 0 ? `won (${o.won})` : 'lost';
    return `showed ${cards(o.showed)} and ${result} with ${o.description ?? 'a hand'}`;
  }
  if (o.mucked === true) return 'mucked';
  return `collected (${o.won})`;
}
