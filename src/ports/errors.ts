// Typed errors the ports raise. Adapters wrap driver errors in these (keeping `cause`) so callers
// never branch on a Redis or SQLite error string.

export class PortError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A write carried an epoch lower than the table's fence: a newer owner has taken the table. */
export class FencedError extends PortError {
  constructor(
    readonly tableId: string,
    readonly epoch: number,
    readonly fence: number,
  ) {
    super(`table ${tableId}: epoch ${epoch} is fenced out by epoch ${fence}`);
  }
}

/** An append did not start at the log's next sequence number: someone else appended first. */
export class SequenceConflictError extends PortError {
  constructor(
    readonly tableId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`table ${tableId}: append expected next seq ${expected}, log is at ${actual}`);
  }
}

/** The backing service is unreachable or failed; the operation may be retried. */
export class UnavailableError extends PortError {}

export class NotFoundError extends PortError {}

/** A uniqueness rule was broken (a username already taken, …). */
export class ConflictError extends PortError {}

/** A wallet would go below zero. */
export class InsufficientFundsError extends PortError {
  constructor(
    readonly accountId: string,
    readonly needed: number,
    readonly available: number,
  ) {
    super(`account ${accountId}: needs ${needed} chips, has ${available}`);
  }
}
