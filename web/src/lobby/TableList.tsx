// The live table list: one row per table, with Watch and Sit (buy-in) actions.

import { useState } from 'preact/hooks';
import type { TableSummary } from '../../../src/sdk/index.js';
import { chips, playerName } from '../core/format.js';
import { BuyInForm } from '../ui/BuyInForm.js';
import { stakesLabel } from './filter.js';

export interface TableListProps {
  readonly tables: readonly TableSummary[];
  readonly total: number;
  readonly balance: number | null;
  readonly onWatch: (table: TableSummary) => void;
  readonly onSit: (table: TableSummary, buyIn: number) => void;
}

const GAME_NAMES = { holdem: "Hold'em", hokm: 'Hokm' } as const;

export function TableList(props: TableListProps) {
  const [sitting, setSitting] = useState<string | null>(null);
  if (props.tables.length === 0) {
    return (
      <p class="empty" role="status">
        {props.total === 0 ? 'No tables yet: create one.' : 'No table matches these filters.'}
      </p>
    );
  }
  return (
    <table class="tables" aria-label="Tables">
      <thead>
        <tr>
          <th scope="col">Table</th>
          <th scope="col">Game</th>
          <th scope="col">Stakes</th>
          <th scope="col">Seats</th>
          <th scope="col">Buy-in</th>
          <th scope="col">Hand</th>
          <th scope="col">
            <span class="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.tables.map((t) => (
          <TableRow
            key={t.id}
            table={t}
            balance={props.balance}
            open={sitting === t.id}
            onOpen={(open) => setSitting(open ? t.id : null)}
            onWatch={() => props.onWatch(t)}
            onSit={(buyIn) => props.onSit(t, buyIn)}
          />
        ))}
      </tbody>
    </table>
  );
}

function TableRow(props: {
  readonly table: TableSummary;
  readonly balance: number | null;
  readonly open: boolean;
  readonly onOpen: (open: boolean) => void;
  readonly onWatch: () => void;
  readonly onSit: (buyIn: number) => void;
}) {
  const t = props.table;
  const full = t.occupied >= t.seats;
  const players = t.players
    .map((p) => `${playerName(p.name, p.bot)}${p.away === true ? ' (away)' : ''}`)
    .join(', ');
  const away = t.players.filter((p) => p.away === true).length;
  return (
    <>
      <tr data-table={t.id} data-game={t.game}>
        <th scope="row" data-label="Table">
          <span class="table-name">{t.name}</span>
          {players !== '' && <span class="players">{players}</span>}
        </th>
        <td data-label="Game">{GAME_NAMES[t.game]}</td>
        <td data-label="Stakes">{stakesLabel(t)}</td>
        <td data-label="Seats">
          {t.occupied}/{t.seats}
          {away > 0 && <span class="away-count"> · {away} away</span>}
        </td>
        <td data-label="Buy-in">
          {chips(t.minBuyIn)}–{chips(t.maxBuyIn)}
        </td>
        <td data-label="Hand">{t.handNumber === 0 ? '–' : `#${t.handNumber}`}</td>
        <td class="actions">
          <div class="row-actions">
            <button type="button" onClick={props.onWatch} aria-label={`Watch ${t.name}`}>
              Watch
            </button>
            <button
              type="button"
              class="primary"
              disabled={full}
              aria-expanded={props.open}
              aria-label={full ? `${t.name} is full` : `Sit at ${t.name}`}
              onClick={() => props.onOpen(!props.open)}
            >
              {full ? 'Full' : 'Sit'}
            </button>
          </div>
        </td>
      </tr>
      {props.open && (
        <tr class="buy-in-row">
          <td colSpan={7}>
            <BuyInForm
              table={t}
              balance={props.balance}
              onSubmit={props.onSit}
              onCancel={() => props.onOpen(false)}
            />
          </td>
        </tr>
      )}
    </>
  );
}
