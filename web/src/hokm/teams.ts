// Hokm's two partnerships and where each seat sits on screen. Seats are numbered clockwise and
// partners sit opposite: team 0 is seats 0 and 2, team 1 is seats 1 and 3. We draw the viewer at
// the bottom (a spectator sees seat 0 there), the partner at the top, and the next seats clockwise
// at the left and the right — so play, which goes counter-clockwise, moves bottom → right → top → left.

export type Team = 0 | 1;
export type Position = 'bottom' | 'left' | 'top' | 'right';

const POSITIONS: readonly Position[] = ['bottom', 'left', 'top', 'right'];

export function teamOfSeat(seat: number): Team {
  return seat % 2 === 0 ? 0 : 1;
}

export function positionOf(seat: number, viewerSeat: number | null): Position {
  const base = viewerSeat ?? 0;
  return POSITIONS[(((seat - base) % 4) + 4) % 4] ?? 'bottom';
}

/** "Alice & Carol" (or seat numbers for empty seats). */
export function teamName(team: Team, nameOf: (seat: number) => string): string {
  return `${nameOf(team)} & ${nameOf(team + 2)}`;
}
