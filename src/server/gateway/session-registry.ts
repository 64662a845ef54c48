// The connections of each account on this node, so a wallet change reaches every tab a player has open.

export interface AccountConnection {
  readonly accountId: string;
  send(data: string): void;
}

export class SessionRegistry {
  readonly #byAccount = new Map<string, Set<AccountConnection>>();

  add(connection: AccountConnection): void {
    let set = this.#byAccount.get(connection.accountId);
    if (!set) {
      set = new Set();
      this.#byAccount.set(connection.accountId, set);
    }
    set.add(connection);
  }

  remove(connection: AccountConnection): void {
    const set = this.#byAccount.get(connection.accountId);
    set?.delete(connection);
    if (set?.size === 0) this.#byAccount.delete(connection.accountId);
  }

  sendTo(accountId: string, data: string): void {
    const set = this.#byAccount.get(accountId);
    if (set) for (const c of set) c.send(data);
  }

  /** Every signed-in connection on this node (an operator's notice). */
  sendAll(data: string): void {
    for (const set of this.#byAccount.values()) for (const c of set) c.send(data);
  }

  get accounts(): number {
    return this.#byAccount.size;
  }
}
