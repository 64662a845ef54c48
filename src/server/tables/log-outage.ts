// A table whose log cannot be reached (a Redis or disk outage) pauses: its clocks freeze, so nobody
// times out because of the node's trouble, and it re-reads the log in the background — after
// 250 ms, then at doubling intervals up to 2 s — until the log answers. This class keeps that
// paused flag and the back-off; what a probe does (re-read the log, adopt what landed) is the
// actor's, run through its mailbox so it never interleaves with a command.

import type { Clock } from '../clock.js';

/** The first re-read of the log comes this long after the outage began, then at doubling intervals. */
const PROBE_FIRST_MS = 250;
const PROBE_MAX_MS = 2000;

export interface LogOutageHooks {
  /** Freeze the table's clocks (turns keep what they had left, bots wait). */
  readonly freeze: () => void;
  /** The log answers again: thaw the clocks (unless something else still holds them). */
  readonly thaw: () => void;
  /** One probe, on the actor's mailbox: true once the log answered and the table is current. */
  readonly probe: () => Promise<boolean>;
  readonly onProbeError: (error: unknown) => void;
}

export class LogOutage {
  readonly #clock: Clock;
  readonly #hooks: LogOutageHooks;
  #paused = false;
  #delayMs = PROBE_FIRST_MS;

  constructor(clock: Clock, hooks: LogOutageHooks) {
    this.#clock = clock;
    this.#hooks = hooks;
  }

  /** True while the table waits for its log to come back: its timers are frozen. */
  get paused(): boolean {
    return this.#paused;
  }

  /** The log could not be reached: freeze the clocks and start probing. False if already paused. */
  begin(): boolean {
    if (this.#paused) return false;
    this.#paused = true;
    this.#delayMs = PROBE_FIRST_MS;
    this.#hooks.freeze();
    this.#scheduleProbe();
    return true;
  }

  /** The log answered: stop probing and thaw. Returns false if the table was not paused. */
  end(): boolean {
    if (!this.#paused) return false;
    this.#paused = false;
    this.#hooks.thaw();
    return true;
  }

  #scheduleProbe(): void {
    this.#clock.after(this.#delayMs, () => {
      if (!this.#paused) return;
      this.#hooks
        .probe()
        .then((answered) => {
          if (answered || !this.#paused) return;
          this.#delayMs = Math.min(this.#delayMs * 2, PROBE_MAX_MS);
          this.#scheduleProbe();
        })
        .catch(this.#hooks.onProbeError);
    });
  }
}
