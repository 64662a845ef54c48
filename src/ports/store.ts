// Store: the relational side of Pitboss — accounts, the wallet ledger, table configurations and
// hand histories. One kysely implementation serves SQLite (embedded default) and PostgreSQL
// (cluster); both pass test/ports/store.contract.ts.
//
// Money rules: every chip movement is a ledger row; a wallet never goes negative; buy-in and
// cash-out are idempotent by request id (the same request id applied twice moves chips once and
// returns the first result); `audit()` proves conservation in one query.

export type AccountKind = 'guest' | 'registered' | 'bot';

export interface Account {
  readonly id: string;
  readonly kind: AccountKind;
  /** Unique login name for registered accounts; null for guests and bots. */
  readonly username: string | null;
  /** Display name shown at tables. */
  readonly nickname: string;
  readonly createdAt: number;
}

export interface NewAccount {
  readonly kind: AccountKind;
  readonly nickname: string;
  readonly username?: string;
  /** Already hashed by the caller (scrypt, see src/accounts/passwords.ts). Never the password. */
  readonly passwordHash?: string;
}

export interface AccountStore {
  /** Creates the account; ConflictError if the username is taken (case-insensitive). */
  createAccount(account: NewAccount): Promise<Account>;
  getAccount(id: string): Promise<Account | null>;
  /** For login only: the stored hash never leaves the accounts service. */
  findCredentials(username: string): Promise<{ account: Account; passwordHash: string } | null>;
}

export type LedgerKind = 'grant' | 'buy_in' | 'cash_out';

export interface LedgerEntry {
  readonly id: number;
  readonly requestId: string;
  readonly accountId: string;
  readonly kind: LedgerKind;
  /** Always > 0; the kind gives the direction (grant, cash_out: into the wallet; buy_in: out). */
  readonly amount: number;
  readonly tableId: string | null;
  readonly createdAt: number;
}

export interface TransferResult {
  readonly entry: LedgerEntry;
  /** Wallet balance after this entry was applied (at the time it was first applied). */
  readonly balance: number;
  /** True when the request id had already been applied and nothing moved now. */
  readonly replayed: boolean;
}

export interface ConservationAudit {
  readonly granted: number;
  readonly inWallets: number;
  /** Ledger view of chips at tables: buy-ins minus cash-outs, per table. */
  readonly atTables: ReadonlyMap<string, number>;
  /** granted === inWallets + Σ atTables, and every wallet equals its ledger sum. */
  readonly balanced: boolean;
}

export interface Wallet {
  balance(accountId: string): Promise<number>;
  /** Chips from the house into a wallet (sign-up bonus, operator grant). */
  grant(requestId: string, accountId: string, amount: number): Promise<TransferResult>;
  /** Wallet → table. InsufficientFundsError when the wallet holds less than `amount`. */
  buyIn(requestId: string, accountId: string, tableId: string, amount: number): Promise<TransferResult>;
  /** Table → wallet. */
  cashOut(requestId: string, accountId: string, tableId: string, amount: number): Promise<TransferResult>;
  /** Newest first. */
  entries(accountId: string, limit: number, beforeId?: number): Promise<LedgerEntry[]>;
  audit(): Promise<ConservationAudit>;
  /** Resolves when the store answers a trivial query (health probes); rejects with UnavailableError. */
  ping(): Promise<void>;
}

export interface TableRecord {
  readonly id: string;
  readonly game: string;
  readonly name: string;
  /** The game's validated configuration, as JSON. */
  readonly config: unknown;
  /** 64 hex chars: the RNG seed. Secret: never sent to clients or logged. */
  readonly seed: string;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly closedAt: number | null;
}

export interface TableCatalog {
  createTable(table: Omit<TableRecord, 'createdAt' | 'closedAt'>): Promise<TableRecord>;
  getTable(id: string): Promise<TableRecord | null>;
  /** Open tables (closedAt null), oldest first. */
  openTables(): Promise<TableRecord[]>;
  closeTable(id: string): Promise<void>;
}

export interface HandHistory {
  readonly tableId: string;
  readonly hand: number;
  readonly game: string;
  readonly players: readonly string[];
  /** The game's hand record, as JSON. */
  readonly record: unknown;
  readonly endedAt: number;
}

/** Where a page of hands ends: the (endedAt, tableId, hand) of the last hand of the previous page. */
export interface HandCursor {
  readonly endedAt: number;
  readonly tableId: string;
  readonly hand: number;
}

export interface HandPage {
  readonly limit: number;
  /** Only hands strictly older than this one. */
  readonly before?: HandCursor;
  /** Only hands of this table. */
  readonly table?: string;
}

export interface HandHistoryStore {
  /** Idempotent on (tableId, hand). */
  saveHand(hand: HandHistory): Promise<void>;
  /** Hands `accountId` played (at one table, with `table`), newest first, paged by endedAt/hand. */
  handsOf(accountId: string, page: HandPage): Promise<HandHistory[]>;
  hand(tableId: string, hand: number): Promise<HandHistory | null>;
  /** Every hand of one table, newest first; `before` (a hand number) pages back. */
  handsAt(
    tableId: string,
    page: { readonly limit: number; readonly before?: number },
  ): Promise<HandHistory[]>;
}

export interface Store extends AccountStore, Wallet, TableCatalog, HandHistoryStore {
  close(): Promise<void>;
}
