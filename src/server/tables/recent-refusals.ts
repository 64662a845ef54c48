// The last few commands a table refused, for the operator's drill-down (/admin): when, which
// code, and whose command. Codes and account ids only — never the command itself, which may carry
// what a player meant to do with hidden cards.

import type { Rejection } from '../../games/contract.js';

export interface Refusal {
  /** Server epoch ms. */
  readonly at: number;
  readonly code: string;
  readonly account: string;
}

export class RecentRefusals {
  readonly #capacity: number;
  #items: Refusal[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** Notes `result` when it is a refusal the operator may care about; returns it unchanged. */
  note<R extends { readonly ok: boolean }>(
    at: number,
    account: string,
    result: R | Rejection,
  ): R | Rejection {
    if (!result.ok && 'code' in result && !INTERNAL.has(result.code)) {
      this.#items.push({ at, code: result.code, account });
      if (this.#items.length > this.#capacity) this.#items = this.#items.slice(-this.#capacity);
    }
    return result;
  }

  /** Newest first. */
  list(): Refusal[] {
    return [...this.#items].reverse();
  }
}

/** Between nodes, not the player's doing: the command is sent on to the table's new owner. */
const INTERNAL: ReadonlySet<string> = new Set(['table/moved']);
