// Benchmarks that start processes stop them however they end: normally (their own `finally`), or
// on Ctrl-C / SIGTERM (a `timeout` around them), which would otherwise leave redis-server,
// PostgreSQL, HAProxy and nodes running.

const pending = new Set<() => Promise<unknown>>();
let installed = false;

/** Runs `stop` on SIGINT/SIGTERM until the returned function is called (normal cleanup). */
export function stopOnSignal(stop: () => Promise<unknown>): () => void {
  pending.add(stop);
  if (!installed) {
    installed = true;
    const onSignal = (signal: NodeJS.Signals) => {
      process.stderr.write(`\n${signal}: stopping what this benchmark started\n`);
      void Promise.allSettled([...pending].map((s) => s())).then(() => process.exit(130));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  return () => pending.delete(stop);
}
