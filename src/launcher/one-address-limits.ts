// Node flags for runs where every client arrives from one address — the load generator on this
// machine, or everyone behind a local HAProxy: the per-IP limits (docs/operations.md) would
// otherwise treat them all as one abusive client.

export const ONE_ADDRESS_LIMITS: Readonly<Record<string, number>> = {
  'limits.max-connections-per-ip': 1_000_000,
  'limits.ip-messages-per-second': 1_000_000,
  'limits.ip-message-burst': 1_000_000,
  'limits.ip-bytes-per-second': 1_000_000_000,
  'limits.ip-byte-burst': 1_000_000_000,
  'limits.signups-per-ip-per-minute': 100_000,
};
