// A finished Hokm hand's record as readable lines: hakem and trump, the viewer's own deal, every
// trick, and the score.

import type { HokmHandRecord } from '../../../src/games/hokm/index.js';
import { cardsText, cardText, suitLabel } from '../core/cards.js';
import { teamName } from './teams.js';

export function isHokmRecord(x: unknown): x is HokmHandRecord {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Partial<Record<keyof HokmHandRecord, unknown>>;
  return (
    typeof r.game === 'number' &&
    typeof r.hand === 'number' &&
    typeof r.trump === 'string' &&
    Array.isArray(r.tricks) &&
    Array.isArray(r.hands) &&
    typeof r.result === 'object' &&
    r.result !== null
  );
}

const KINDS = { normal: '', kot: ' — kot!', hakem_kot: ' — hakem kot!' } as const;

export function hokmHistoryLines(record: HokmHandRecord, nameOf: (seat: number) => string): string[] {
  const team = (t: 0 | 1) => teamName(t, nameOf);
  const lines = [
    `Game ${record.game}, hand ${record.handInGame} (table hand #${record.hand})`,
    `Hakem: ${nameOf(record.hakem)}; trump: ${suitLabel(record.trump)}`,
  ];
  record.hands.forEach((cards, seat) => {
    if (cards !== null) lines.push(`${nameOf(seat)} was dealt ${cardsText(cards)}`);
  });
  record.tricks.forEach((trick, i) => {
    const plays = trick.plays.map((p) => `${nameOf(p.seat)} ${cardText(p.card)}`).join(', ');
    lines.push(`Trick ${i + 1}: ${plays} — won by ${nameOf(trick.winner)}`);
  });
  lines.push(`Tricks: ${team(0)} ${record.tricksWon[0]}, ${team(1)} ${record.tricksWon[1]}`);
  const r = record.result;
  const points = r.points === 1 ? '1 point' : `${r.points} points`;
  lines.push(`${team(r.team)} score ${points}${KINDS[r.kind]}`);
  lines.push(`Score: ${team(0)} ${record.scores[0]}, ${team(1)} ${record.scores[1]}`);
  if (record.gameOver !== null) lines.push(`Game over: ${team(record.gameOver.team)} win the game`);
  return lines;
}
