// The lobby's filter bar.

import type { GameId, LobbyFilter } from './filter.js';

function parseBound(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

export function Filters(props: {
  readonly filter: LobbyFilter;
  readonly onChange: (f: LobbyFilter) => void;
}) {
  const { filter, onChange } = props;
  return (
    <form class="filters" role="search" aria-label="Filter tables" onSubmit={(e) => e.preventDefault()}>
      <label>
        Game
        <select
          name="game"
          value={filter.game}
          onChange={(e) => onChange({ ...filter, game: e.currentTarget.value as GameId | 'all' })}
        >
          <option value="all">All games</option>
          <option value="holdem">Hold'em</option>
          <option value="hokm">Hokm</option>
        </select>
      </label>
      <label>
        Min stake
        <input
          name="minStake"
          type="number"
          min={0}
          inputMode="numeric"
          value={filter.minStake ?? ''}
          onInput={(e) => onChange({ ...filter, minStake: parseBound(e.currentTarget.value) })}
        />
      </label>
      <label>
        Max stake
        <input
          name="maxStake"
          type="number"
          min={0}
          inputMode="numeric"
          value={filter.maxStake ?? ''}
          onInput={(e) => onChange({ ...filter, maxStake: parseBound(e.currentTarget.value) })}
        />
      </label>
      <label class="check">
        <input
          name="freeSeats"
          type="checkbox"
          checked={filter.freeSeatsOnly}
          onChange={(e) => onChange({ ...filter, freeSeatsOnly: e.currentTarget.checked })}
        />
        Free seats only
      </label>
      <label>
        Search
        <input
          name="search"
          type="search"
          placeholder="Table or player"
          value={filter.text}
          onInput={(e) => onChange({ ...filter, text: e.currentTarget.value })}
        />
      </label>
    </form>
  );
}
