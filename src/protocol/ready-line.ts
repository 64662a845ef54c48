// The log line a node writes once it accepts connections. Tools that start a node as a child
// process (the load generator, tests) learn its port from this line, so its shape is a contract.

export const READY_MESSAGE = 'pitboss node ready';

/** The port announced by a node's ready line, or null for any other line. */
export function readyPort(line: string): number | null {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; port?: unknown };
    return entry.msg === READY_MESSAGE && typeof entry.port === 'number' ? entry.port : null;
  } catch {
    return null;
  }
}
