// The create-table form: game, name, stakes, seats, timer, bots, spectators. A problem is shown
// beside its field once the player has tried to create the table, and goes as soon as it is fixed.

import { useState } from 'preact/hooks';
import {
  createRequest,
  defaultsFor,
  defaultTableName,
  fieldProblems,
  newRequestKey,
  seatCount,
  type CreateTableForm,
  type FormField,
} from './create-table.js';
import type { GameId } from './filter.js';
import type { RequestParams } from '../../../src/sdk/index.js';

type NumberField = {
  [K in keyof CreateTableForm]: CreateTableForm[K] extends number ? K : never;
}[keyof CreateTableForm];

export function CreateTable(props: {
  readonly onCreate: (request: RequestParams<'table.create'>) => Promise<void>;
  readonly onCancel: () => void;
  /** The player's nickname, for the table's default name. */
  readonly nickname: string | null;
}) {
  const [form, setForm] = useState<CreateTableForm>(() => ({
    ...defaultsFor('holdem'),
    name: defaultTableName(props.nickname),
  }));
  const [busy, setBusy] = useState(false);
  // One key per form: however often it is submitted, it makes one table.
  const [requestKey] = useState(newRequestKey);
  // Problems show once a create was tried, and follow every edit from then on.
  const [tried, setTried] = useState(false);
  const problems = tried ? fieldProblems(form) : {};

  const errorOf = (field: FormField) => {
    const problem = problems[field];
    return problem === undefined ? null : (
      <span class="field-error" id={`create-${field}-error`}>
        {problem}
      </span>
    );
  };
  const invalid = (field: FormField) =>
    problems[field] === undefined
      ? {}
      : { 'aria-invalid': true as const, 'aria-describedby': `create-${field}-error` };

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
        {...invalid(field)}
        onInput={(e) => setForm({ ...form, [field]: Math.floor(Number(e.currentTarget.value)) })}
      />
      {errorOf(field)}
    </label>
  );

  const submit = async (event: Event) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(fieldProblems(form)).length > 0) return;
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
    // noValidate: the browser's own bubbles would stop the submit before our messages, which say
    // more and sit beside their fields.
    <form class="create-table" aria-labelledby="create-title" noValidate onSubmit={(e) => void submit(e)}>
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
            {...invalid('name')}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
          />
          {errorOf('name')}
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
      {Object.keys(problems).length > 0 && (
        <p class="form-error" role="alert">
          Fix what is marked above to create the table.
        </p>
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
