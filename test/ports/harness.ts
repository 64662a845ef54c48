// What every contract suite asks of an adapter under test. Suites use only the port interface, so
// the Redis and PostgreSQL adapters can run them unchanged by supplying their own factory.

export interface AdapterHarness<T> {
  readonly adapter: T;
  /** Closes every client this harness opened and removes what it created (temp dirs, keys, schemas). */
  cleanup(): Promise<void>;
  /**
   * Another client of the same backing service, as a second node would hold. Optional: when
   * missing (a purely in-memory adapter) the cross-client tests are skipped.
   */
  peer?(): Promise<T>;
  /**
   * Closes `adapter` and opens a new client over the same durable data, as after a process
   * restart. Only durable adapters provide it; the restart tests are skipped otherwise.
   */
  reopen?(): Promise<T>;
}

export type MakeAdapter<T> = () => Promise<AdapterHarness<T>>;

/** The rejection of `promise`, failing the test if it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
