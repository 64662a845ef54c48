// `pitboss drain`: asks a cluster node to drain — hand every table live to other nodes, close its
// clients with 1012 and exit 0 — through its operator API, and (with --wait) waits until it has
// stopped. The admin token comes from --token, PITBOSS_ADMIN_TOKEN, or the node's data directory.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { flagsToObject } from '../server/config.js';

const OptionsSchema = z
  .object({
    url: z.string().regex(/^https?:\/\/[^\s]+$/, 'an http(s):// URL of the node'),
    token: z.string().min(1).optional(),
    dataDir: z.string().min(1).optional(),
    wait: z.boolean().default(false),
    timeoutSeconds: z.number().min(1).max(3600).default(120),
  })
  .strict();

export const DRAIN_USAGE = `pitboss drain — hand a cluster node's tables to the other nodes, then stop it

Usage: pitboss drain --url http://HOST:PORT [--token TOKEN | --data-dir DIR] [--wait] [--timeout-seconds 120]

The node turns draining at once (/ready answers 503), moves every table live to another ready node
(mid-hand included; nothing is rejected), closes its clients with 1012 (they reconnect elsewhere)
and exits 0. It refuses (409) when no other node is ready. The admin token: --token, or
PITBOSS_ADMIN_TOKEN, or DIR/admin-token. --wait returns once the node no longer answers.
`;

const POLL_MS = 250;

export async function runDrainCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const parsed = OptionsSchema.safeParse(flagsToObject(argv));
  if (!parsed.success) {
    out(`pitboss drain: ${parsed.error.issues[0]?.message ?? 'invalid options'}\n\n${DRAIN_USAGE}`);
    return 2;
  }
  const options = parsed.data;
  const token = options.token ?? env.PITBOSS_ADMIN_TOKEN ?? readToken(options.dataDir);
  if (!token) {
    out('pitboss drain: no admin token: pass --token, set PITBOSS_ADMIN_TOKEN, or --data-dir of the node\n');
    return 2;
  }
  const base = options.url.replace(/\/+$/, '');
  let response: Response;
  try {
    response = await fetch(`${base}/api/admin/drain`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
  } catch (error) {
    out(
      `pitboss drain: ${base} cannot be reached: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string; tables?: number };
  if (response.status !== 202) {
    out(`pitboss drain: refused (HTTP ${response.status}): ${body.error ?? 'no reason given'}\n`);
    return 1;
  }
  out(`draining ${base}: handing ${body.tables ?? '?'} tables to other nodes\n`);
  if (!options.wait) return 0;
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    const alive = await fetch(`${base}/health`).then(
      () => true,
      () => false,
    );
    if (!alive) {
      out(`drained: ${base} has stopped\n`);
      return 0;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  out(`pitboss drain: ${base} still answers after ${options.timeoutSeconds} s\n`);
  return 1;
}

function readToken(dataDir: string | undefined): string | undefined {
  if (dataDir === undefined) return undefined;
  try {
    return readFileSync(join(dataDir, 'admin-token'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
