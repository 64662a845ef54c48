// The create-table form: game, name, stakes, seats, timer, bots, spectators.

import { useState } from 'preact/hooks';
import {
  createRequest,
  defaultsFor,
  newRequestKey,
  seatCount,
  validate,
  type CreateTableForm,
} from './create-table.js';
import type { GameId } from './filter.js';
import type { RequestParams } from '../../../src/sdk/index.js';

type NumberField = {
  [K in keyof CreateTableForm]: CreateTableForm[K] extends number ? K : never;
}[keyof CreateTableForm];

export function CreateTable(props: {
  readonly onCreate: (request: RequestParams<'table.create'>) => Promise<void>;
  readonly onCancel: () => void;
}) {
  const [form, setForm] = useState<CreateTableForm>(() => defaultsFor('holdem'));
  const [busy, setBusy] = useState(false);
  // One key per form: however often it is submitted, it makes one table.
  const [requestKey] = useState(newRequestKey);
  const [problems, setProblems] = useState<string[]>([]);

  const numberInput = (field: NumberField, label: string, min: number, max?: number) => (
    <label>
      {label}
      <input
        name={field}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        required
        value={form[field]}
        onInput={(e) => setForm({ ...form, [field]: Math.floor(Number(e.currentTarget.value)) })}
      />
    </label>
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    const found = validate(form);
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    try {
      await props.onCreate(createRequest(form, requestKey));
    } catch {
      // The session shows the server's error; keep the form as it is so it can be corrected.
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="create-table" aria-labelledby="create-title" onSubmit={(e) => void submit(e)}>
      <h2 id="create-title">Create a table</h2>
      <div class="grid">
        <label>
          Game
          <select
            name="game"
            value={form.game}
            onChange={(e) => {
              const game = e.currentTarget.value as GameId;
              setForm({ ...defaultsFor(game), name: form.name, turnSeconds: form.turnSeconds });
            }}
          >
            <option value="holdem">No-Limit Hold'em</option>
            <option value="hokm">Hokm (4 players)</option>
          </select>
        </label>
        <label>
          Name
          <input
            name="name"
            required
            maxLength={64}
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
        </label>
        {form.game === 'holdem' ? (
          <>
            {numberInput('seats', 'Seats', 2, 10)}
            {numberInput('smallBlind', 'Small blind', 1)}
            {numberInput('bigBlind', 'Big blind', 1)}
          </>
        ) : (
          <>
            {numberInput('stake', 'Stake per game', 0)}
            {numberInput('targetScore', 'Points to win', 1, 21)}
          </>
        )}
        {numberInput('minBuyIn', 'Min buy-in', 1)}
        {numberInput('maxBuyIn', 'Max buy-in', 1)}
        {numberInput('turnSeconds', 'Turn timer (seconds)', 3, 600)}
        {numberInput('bots', 'Bots', 0, seatCount(form) - 1)}
        <label class="check">
          <input
            name="spectators"
            type="checkbox"
            checked={form.spectators}
            onChange={(e) => setForm({ ...form, spectators: e.currentTarget.checked })}
          />
          Allow spectators
        </label>
      </div>
      {problems.length > 0 && (
        <ul class="form-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create table'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
