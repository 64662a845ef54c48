// AutoscaleState: what the autoscaler keeps in the cluster's shared store — the controller lease
// that makes one `pitboss autoscale` instance act while the others stand by, the journal of its
// recent decisions, which every node's operator page (/admin) reads, and the players recorded
// about once a minute, from which its forecast predicts (kept in the store so a new leader, or a
// restarted one, predicts from the same days). Adapters: memory and
// Redis, one contract (test/ports/autoscale-state.contract.ts).

/** The cluster as the controller saw it when it decided: the inputs, for the journal and /admin. */
export interface DecisionInputs {
  readonly readyNodes: number;
  readonly startingNodes: number;
  readonly drainingNodes: number;
  readonly players: number;
  readonly tables: number;
  /** Mean CPU of the ready nodes, in cores (0–1 per core). */
  readonly cpu: number;
  /** Highest memory share among the ready nodes. */
  readonly memory: number;
  readonly errorRate: number;
  readonly tablesCreatedPerMinute: number;
  readonly seatQueue: number;
  /** The forecast's players within its lookahead, when there was one. */
  readonly forecastPlayers?: number;
}

/** The cluster's players at one moment. */
export interface PlayersAt {
  /** Epoch ms. */
  readonly at: number;
  readonly players: number;
}

export interface DecisionRecord {
  /** When it was decided (the controller's clock, epoch ms). */
  readonly at: number;
  /** The controller instance that decided. */
  readonly controller: string;
  readonly action: 'up' | 'down' | 'hold';
  /** Nodes to add (up). */
  readonly count?: number;
  /** Nodes drained (down). */
  readonly nodes?: readonly string[];
  readonly urgent?: boolean;
  readonly reason: string;
  readonly inputs: DecisionInputs;
  /** What the actuator did with it: `done`, or why it could not. */
  readonly outcome: string;
}

export interface AutoscaleState {
  /**
   * Takes the controller lease for `holder`, or renews it when `holder` already has it, for
   * `ttlMs` measured on the store's clock. True when `holder` holds the lease afterwards; false
   * while another holder's lease runs.
   */
  claim(holder: string, ttlMs: number): Promise<boolean>;

  /** Gives the lease up if `holder` holds it (a clean stop lets a standby take over at once). */
  release(holder: string): Promise<void>;

  /** Who holds the lease now, or null. */
  leader(): Promise<string | null>;

  /** Appends a decision; only the newest `keep` are kept. */
  record(decision: DecisionRecord, keep: number): Promise<void>;

  /** The newest decisions, newest first, at most `limit`. */
  recent(limit: number): Promise<DecisionRecord[]>;

  /**
   * Records the players at `point.at` (again at the same moment replaces it); points more than
   * `keepMs` older than it are dropped.
   */
  recordPlayers(point: PlayersAt, keepMs: number): Promise<void>;

  /** The recorded points at or after `since`, oldest first. */
  playersSince(since: number): Promise<PlayersAt[]>;

  close(): Promise<void>;
}
