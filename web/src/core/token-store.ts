// Where the player's session token lives between page loads: localStorage, so a reload (or a new
// tab) resumes the same account. The storage is injected; null means "remember nothing".

const KEY = 'pitboss.session';

export class TokenStore {
  readonly #storage: Storage | null;

  constructor(storage: Storage | null) {
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

/** The browser's localStorage when it can be used. */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage;
  } catch {
    return null;
  }
}
