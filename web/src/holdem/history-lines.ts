// A finished Hold'em hand's record, as lines a person reads top to bottom (the record arrives as
// unknown JSON from `history.get`, so its shape is checked first).

import type { HoldemHandRecord, RecordEntry } from '../../../src/games/holdem/index.js';
import { cardsText } from '../core/cards.js';
import { chips } from '../core/format.js';

export function isHoldemRecord(x: unknown): x is HoldemHandRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<Record<keyof HoldemHandRecord, unknown>>;
  return (
    r.game === 'holdem' &&
    typeof r.hand === 'number' &&
    Array.isArray(r.players) &&
    Array.isArray(r.entries) &&
    Array.isArray(r.board)
  );
}

const STREETS = { preflop: 'Pre-flop', flop: 'Flop', turn: 'Turn', river: 'River' } as const;

export function holdemHistoryLines(record: HoldemHandRecord): string[] {
  const name = (seat: number) => record.players.find((p) => p.seat === seat)?.name ?? `Seat ${seat + 1}`;
  const ante = record.ante > 0 ? `, ante ${chips(record.ante)}` : '';
  const lines = [
    `Hand #${record.hand}: blinds ${chips(record.smallBlindAmount)}/${chips(record.bigBlindAmount)}${ante}; button ${name(record.button)}`,
  ];
  for (const p of record.players) {
    const cards = p.cards === null ? '' : ` — ${cardsText(p.cards)}`;
    lines.push(`Seat ${p.seat + 1}: ${p.name} (${chips(p.chips)})${cards}`);
  }
  for (const entry of record.entries) lines.push(entryLine(entry, name));
  return lines;
}

function entryLine(e: RecordEntry, name: (seat: number) => string): string {
  const allIn = (on: boolean) => (on ? ' and is all in' : '');
  switch (e.kind) {
    case 'post':
      return e.blind === 'ante'
        ? `${name(e.seat)} posts an ante of ${chips(e.amount)}${allIn(e.allIn)}`
        : `${name(e.seat)} posts the ${e.blind} blind of ${chips(e.amount)}${allIn(e.allIn)}`;
    case 'action': {
      const forced = e.forced === 'timeout' ? ' (timed out)' : e.forced === 'leave' ? ' (left)' : '';
      const what =
        e.action === 'fold'
          ? 'folds'
          : e.action === 'check'
            ? 'checks'
            : e.action === 'call'
              ? `calls ${chips(e.amount)}`
              : e.action === 'bet'
                ? `bets ${chips(e.to)}`
                : `raises to ${chips(e.to)}`;
      return `${name(e.seat)} ${what}${allIn(e.allIn)}${forced}`;
    }
    case 'street':
      return `— ${STREETS[e.street]}: ${cardsText(e.cards)}`;
    case 'returned':
      return `${chips(e.amount)} uncalled returned to ${name(e.seat)}`;
    case 'reveal':
      return `${name(e.seat)} shows ${cardsText(e.cards)} (all in)`;
    case 'show':
      return `${name(e.seat)} shows ${cardsText(e.cards)}: ${e.description}`;
    case 'muck':
      return `${name(e.seat)} mucks`;
    case 'award': {
      const pot = e.potCount <= 1 ? 'the pot' : e.pot === 0 ? 'the main pot' : `side pot ${e.pot}`;
      const winners = e.winners.map((w) => `${name(w.seat)} wins ${chips(w.amount)}`).join(', ');
      return `${winners} from ${pot}${e.description === null ? '' : ` with ${e.description}`}`;
    }
  }
}
