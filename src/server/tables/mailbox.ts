// One table's mailbox: jobs run one at a time, in arrival order. A job's failure is its caller's
// alone; the mailbox carries on with the next job.

export class Mailbox {
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;

  /** Queue `job`; resolves or rejects with its result once every earlier job has finished. */
  run<T>(job: () => Promise<T> | T): Promise<T> {
    this.#pending += 1;
    const result = this.#tail.then(job);
    this.#tail = result.then(
      () => this.#done(),
      () => this.#done(),
    );
    return result;
  }

  /** Jobs queued or running. */
  get pending(): number {
    return this.#pending;
  }

  /** Resolves when every job queued so far has finished. */
  async idle(): Promise<void> {
    while (this.#pending > 0) await this.#tail;
  }

  #done(): void {
    this.#pending -= 1;
  }
}
