// Structured JSON logs (pino). Secrets and hidden information never reach a log line: callers log
// ids and codes, and redaction catches the field names that could carry a secret by mistake.

import { pino, type Logger as PinoLogger, type DestinationStream } from 'pino';

export type Logger = PinoLogger;

/** Field names whose values are never written, wherever they appear (two levels deep). */
const REDACTED = [
  'token',
  'password',
  'passwordHash',
  'seed',
  'secret',
  'tokenSecret',
  'adminToken',
  'deck',
  'rng',
  'hole',
  'holeCards',
  'cards',
  'state',
  'authorization',
];

export function createLogger(options: {
  level: string;
  nodeId: string;
  destination?: DestinationStream;
}): Logger {
  const paths = REDACTED.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
  return pino(
    {
      level: options.level,
      base: { node: options.nodeId },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}

/** A logger that writes nothing, for tests and tools. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
