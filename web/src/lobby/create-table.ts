// The create-table form's data and its translation into a `table.create` request. Validation
// here only gives quick feedback; the server (the game's own parseConfig) has the last word.

import type { RequestParams } from '../../../src/sdk/index.js';
import { MAX_CHIPS } from '../../../src/games/contract.js';
import { TABLE_NAME_MAX_LENGTH, TABLE_NAME_PATTERN } from '../../../src/protocol/table-name.js';
import type { GameId } from './filter.js';

export interface CreateTableForm {
  readonly game: GameId;
  readonly name: string;
  /** Hold'em seats (Hokm always has four). */
  readonly seats: number;
  readonly smallBlind: number;
  readonly bigBlind: number;
  /** Hokm: chips each player puts in per game. */
  readonly stake: number;
  readonly targetScore: number;
  readonly minBuyIn: number;
  readonly maxBuyIn: number;
  readonly turnSeconds: number;
  readonly bots: number;
  readonly spectators: boolean;
}

export const HOLDEM_DEFAULTS: CreateTableForm = {
  game: 'holdem',
  name: '',
  seats: 6,
  smallBlind: 5,
  bigBlind: 10,
  stake: 100,
  targetScore: 7,
  minBuyIn: 200,
  maxBuyIn: 2000,
  turnSeconds: 20,
  bots: 1,
  spectators: true,
};

export const HOKM_DEFAULTS: CreateTableForm = {
  ...HOLDEM_DEFAULTS,
  game: 'hokm',
  seats: 4,
  stake: 100,
  minBuyIn: 100,
  maxBuyIn: 2000,
  bots: 3,
};

export function defaultsFor(game: GameId): CreateTableForm {
  return game === 'holdem' ? HOLDEM_DEFAULTS : HOKM_DEFAULTS;
}

/** Seats at the table the form describes. */
export function seatCount(form: CreateTableForm): number {
  return form.game === 'hokm' ? 4 : form.seats;
}

const int = (n: number) => Number.isInteger(n);

/** A field of the form that a problem can be shown beside. */
export type FormField = Exclude<keyof CreateTableForm, 'game' | 'spectators'>;

/** The largest number of chips the games accept anywhere (a stack, a blind, a buy-in). */
export const MAX_TABLE_CHIPS = MAX_CHIPS;

/** A name for a new table that the player can keep: "Ann's table", or "My table". */
export function defaultTableName(nickname: string | null): string {
  const name = nickname === null ? '' : `${nickname.trim()}'s table`;
  return name.length <= TABLE_NAME_MAX_LENGTH && TABLE_NAME_PATTERN.test(name) ? name : 'My table';
}

/**
 * What is wrong with each field, in words, the first problem of each; empty when the form is fine.
 * Shown beside the fields; the server (the game's own parseConfig) still has the last word.
 */
export function fieldProblems(form: CreateTableForm): Partial<Record<FormField, string>> {
  const problems: Partial<Record<FormField, string>> = {};
  const add = (field: FormField, problem: string) => {
    problems[field] ??= problem;
  };
  const tooMany = (n: number) => n > MAX_TABLE_CHIPS;
  const chipsLimit = `at most ${MAX_TABLE_CHIPS.toLocaleString('en')} chips`;
  if (form.name.trim() === '') add('name', 'Give the table a name.');
  else if (form.name.trim().length > TABLE_NAME_MAX_LENGTH)
    add('name', `The name may have at most ${TABLE_NAME_MAX_LENGTH} characters.`);
  else if (!TABLE_NAME_PATTERN.test(form.name.trim()))
    add('name', 'Start the name with a letter or digit; use letters, digits, spaces and common punctuation.');
  if (form.game === 'holdem') {
    if (!int(form.seats) || form.seats < 2 || form.seats > 10) add('seats', 'Seats: 2 to 10.');
    if (!int(form.smallBlind) || form.smallBlind < 1)
      add('smallBlind', 'The small blind must be at least 1.');
    if (tooMany(form.smallBlind)) add('smallBlind', `The small blind may be ${chipsLimit}.`);
    if (!int(form.bigBlind) || form.bigBlind < form.smallBlind)
      add('bigBlind', 'The big blind must be at least the small blind.');
    if (tooMany(form.bigBlind)) add('bigBlind', `The big blind may be ${chipsLimit}.`);
    if (form.minBuyIn < form.bigBlind) add('minBuyIn', 'The minimum buy-in must cover one big blind.');
  } else {
    if (!int(form.stake) || form.stake < 0) add('stake', 'The stake must be a whole number of chips.');
    if (tooMany(form.stake)) add('stake', `The stake may be ${chipsLimit}.`);
    if (!int(form.targetScore) || form.targetScore < 1 || form.targetScore > 21)
      add('targetScore', 'Points to win: 1 to 21.');
    if (form.minBuyIn < form.stake) add('minBuyIn', 'The minimum buy-in must cover one stake.');
  }
  if (!int(form.minBuyIn) || form.minBuyIn < 1) add('minBuyIn', 'The minimum buy-in must be at least 1.');
  if (tooMany(form.minBuyIn)) add('minBuyIn', `The minimum buy-in may be ${chipsLimit}.`);
  if (!int(form.maxBuyIn) || form.maxBuyIn < form.minBuyIn)
    add('maxBuyIn', 'The maximum buy-in must be at least the minimum.');
  // The server refuses it too; saying so here, with the number, spares a round trip and a riddle.
  if (tooMany(form.maxBuyIn)) add('maxBuyIn', `The maximum buy-in may be ${chipsLimit}.`);
  if (!int(form.turnSeconds) || form.turnSeconds < 3 || form.turnSeconds > 600)
    add('turnSeconds', 'Turn timer: 3 to 600 seconds.');
  if (!int(form.bots) || form.bots < 0 || form.bots > seatCount(form) - 1)
    add('bots', `Bots: 0 to ${seatCount(form) - 1}, so that you have a seat.`);
  return problems;
}

/** Every problem of the form, in the order of its fields; empty when the form is fine. */
export function validate(form: CreateTableForm): string[] {
  return Object.values(fieldProblems(form));
}

/**
 * A fresh key for one create form: sent with its request, so a double submit or a retry after a
 * lost answer gets the same table back instead of a second one.
 */
export function newRequestKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function createRequest(form: CreateTableForm, requestKey?: string): RequestParams<'table.create'> {
  const config =
    form.game === 'holdem'
      ? {
          seats: form.seats,
          smallBlind: form.smallBlind,
          bigBlind: form.bigBlind,
          minBuyIn: form.minBuyIn,
          maxBuyIn: form.maxBuyIn,
        }
      : {
          stake: form.stake,
          targetScore: form.targetScore,
          minBuyIn: form.minBuyIn,
          maxBuyIn: form.maxBuyIn,
        };
  return {
    game: form.game,
    name: form.name.trim(),
    config,
    options: { turnSeconds: form.turnSeconds, bots: form.bots, spectators: form.spectators },
    ...(requestKey === undefined ? {} : { requestKey }),
  };
}
