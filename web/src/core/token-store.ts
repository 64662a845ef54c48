// Where the player's session token lives between page loads: localStorage, so a reload (or a new
// tab) resumes the same account. The storage is injected; null means "remember nothing".

const KEY = 'pitboss.session';

/** The part of the Web Storage API the store uses (localStorage has it). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export class TokenStore {
  readonly #storage: KeyValueStorage | null;

  constructor(storage: KeyValueStorage | null) {
    this.#storage = storage;
  }

  read(): string | null {
    try {
      return this.#storage?.getItem(KEY) ?? null;
    } catch {
      return null; // storage disabled (private mode, policy): behave as signed out
    }
  }

  write(token: string): void {
    try {
      this.#storage?.setItem(KEY, token);
    } catch {
      // Not remembered: the session still works until the page is closed.
    }
  }

  clear(): void {
    try {
      this.#storage?.removeItem(KEY);
    } catch {
      // nothing to clear
    }
  }
}
