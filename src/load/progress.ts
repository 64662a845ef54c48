// The live progress line: one line per tick, rewritten in place on a terminal.

import type { Collector, SeriesPoint } from './collector.js';
import { summarize } from './latency.js';

export function progressLine(point: SeriesPoint, collector: Collector, targetPlayers: number): string {
  const ack = summarize(collector.total.ack);
  const ev = summarize(collector.total.event);
  const f = (v: number | null) => (v === null ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const server = point.server;
  const node = server
    ? ` · node ${server.cpuPercent === null ? '–' : server.cpuPercent.toFixed(0)}% cpu ${(server.rssBytes / 1e6).toFixed(0)} MB`
    : '';
  return (
    `[${point.t.toFixed(0).padStart(4)}s] players ${point.seated}/${targetPlayers} (${point.connected} connected)` +
    ` · tables ${point.tables} · ${point.actionsPerSecond.toFixed(0)} act/s` +
    ` · ack p50 ${f(ack.p50)} p99 ${f(ack.p99)} ms · others p99 ${f(ev.p99)} ms` +
    ` · errors ${collector.total.errorCount} · drops ${collector.total.disconnectCount}${node}`
  );
}

/** Writes progress lines: rewritten in place on a TTY (`auto`), one per `everyMs` otherwise. */
export class ProgressPrinter {
  readonly #mode: 'auto' | 'lines' | 'off';
  readonly #tty: boolean;
  readonly #everyMs: number;
  #lastLineAt = 0;
  #dirty = false;

  constructor(mode: 'auto' | 'lines' | 'off', stream: NodeJS.WriteStream = process.stderr, everyMs = 5_000) {
    this.#mode = mode;
    this.#tty = mode === 'auto' && stream.isTTY;
    this.#everyMs = everyMs;
  }

  print(line: string): void {
    if (this.#mode === 'off') return;
    if (this.#tty) {
      process.stderr.write(`\r\x1b[2K${line}`);
      this.#dirty = true;
      return;
    }
    const now = Date.now();
    if (now - this.#lastLineAt < (this.#mode === 'lines' ? 0 : this.#everyMs)) return;
    this.#lastLineAt = now;
    process.stderr.write(`${line}\n`);
  }

  /** Ends the in-place line so that what follows starts on its own line. */
  done(): void {
    if (this.#dirty) process.stderr.write('\n');
    this.#dirty = false;
  }
}
