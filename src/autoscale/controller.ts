// The autoscaler's control loop (`pitboss autoscale`). Every interval it renews the controller
// lease (only the holder acts; other instances stand by and take over when the lease runs out),
// samples the cluster from the registry, runs the rules (rules.ts, the same function the simulator
// runs, with the forecast from the players it records about once a minute in the shared store —
// forecast.ts) and hands an up or down decision to the actuator: start nodes, or drain the least-loaded
// ones away (their tables move live; none is lost). Each decision is logged with its reason and
// inputs, counted in metrics and journaled where every node's /admin page reads it.
//
// A stale leader — frozen past its lease while another took over — finds the lease taken at its
// next claim and stands by before acting; the lease is claimed again right before each action, so
// the window in which two controllers could both act is one store round trip, and both actions are
// safe to repeat (a second "add a node" adds capacity the next scale-down removes; draining a node
// already draining is refused by the node).

import type { Logger } from '../server/ops/logger.js';
import type { AutoscaleState, DecisionRecord, PlayersAt } from '../ports/autoscale-state.js';
import type { Member, Registry } from '../ports/registry.js';
import { clusterSample, decisionInputs } from './cluster-sample.js';
import { forecastPlayers, type Forecast } from './forecast.js';
import {
  decide,
  DEFAULT_RULES,
  forecastHistoryMs,
  forecastOptions,
  PLAYERS_RECORD_MS,
  type AutoscaleRules,
  type ClusterSample,
  type Decision,
  type ScalerMemory,
} from './rules.js';

/** What carries a decision out: starts nodes or drains them (local processes, Kubernetes). */
export interface Actuator {
  readonly kind: string;
  /** Decides nothing is carried out (the `none` actuator): decisions are journaled as advice. */
  readonly advisory?: boolean;
  /** Nodes this actuator has started that have not registered yet: they count as starting. */
  launching(): number;
  /** Starts `count` more nodes; resolves once they are launched (they register when up). */
  add(count: number): Promise<void>;
  /** Drains `node` away: its tables move live to the other nodes, then it stops. */
  remove(node: Member): Promise<void>;
  close(): Promise<void>;
}

export interface ControllerObserver {
  leadership(leader: boolean): void;
  decided(record: DecisionRecord): void;
  cluster(members: readonly Member[]): void;
}

export interface ControllerOptions {
  /** This controller instance's name (the lease holder). */
  readonly id: string;
  readonly registry: Registry;
  readonly state: AutoscaleState;
  readonly actuator: Actuator;
  readonly logger: Logger;
  readonly rules?: AutoscaleRules;
  /** How often the cluster is sampled and the rules run (default 15 s). */
  readonly intervalMs?: number;
  /** The controller lease (default three intervals: two missed renewals never lose it). */
  readonly leaseMs?: number;
  /** Decisions kept in the journal (default 100). */
  readonly journalSize?: number;
  /** A hold is journaled at most this often (default 5 min); every up and down is. */
  readonly holdJournalMs?: number;
  readonly now?: () => number;
  readonly observer?: ControllerObserver;
}

export class AutoscaleController {
  readonly #o: ControllerOptions;
  readonly #rules: AutoscaleRules;
  readonly #intervalMs: number;
  readonly #leaseMs: number;
  readonly #now: () => number;
  /** Samples oldest first, reaching back past the rules' longest window. */
  #history: ClusterSample[] = [];
  #memory: ScalerMemory = { lastUpAt: null, lastDownAt: null };
  /** The recorded players the forecast reads, oldest first; loaded from the store on taking the lead. */
  #players: PlayersAt[] | null = null;
  #leader = false;
  #lastHoldJournaledAt = -Infinity;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(options: ControllerOptions) {
    this.#o = options;
    this.#rules = options.rules ?? DEFAULT_RULES;
    this.#intervalMs = options.intervalMs ?? 15_000;
    this.#leaseMs = options.leaseMs ?? 3 * this.#intervalMs;
    this.#now = options.now ?? Date.now;
  }

  get leader(): boolean {
    return this.#leader;
  }

  /** Runs a tick now and then every interval until stop(). */
  start(): void {
    const loop = () => {
      if (this.#stopped) return;
      this.#running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) => this.#o.logger.error({ err: error }, 'autoscaler tick failed'))
        .finally(() => {
          this.#running = null;
          if (!this.#stopped) this.#timer = setTimeout(loop, this.#intervalMs);
        });
    };
    loop();
  }

  /** One round: claim or renew the lease, sample, decide, act. Returns the decision (null on standby). */
  async tick(): Promise<DecisionRecord | null> {
    const leader = await this.#claim();
    if (!leader) return null;
    const now = this.#now();
    const members = await this.#o.registry.members();
    this.#o.observer?.cluster(members);
    const sample = clusterSample(members, now, this.#o.actuator.launching());
    this.#remember(sample);
    const forecast = await this.#forecast(members, now);
    let decision = decide(this.#history, this.#memory, now, this.#rules, forecast);
    const draining = members.filter((m) => m.state === 'draining');
    if (decision.action === 'down' && draining.length > 0)
      decision = {
        action: 'hold',
        reason: `quiet, but ${draining.map((m) => m.nodeId).join(', ')} still draining`,
      };
    const outcome = await this.#act(decision, members, now);
    const inputs = {
      ...decisionInputs(sample, members),
      ...(forecast === null ? {} : { forecastPlayers: forecast.players }),
    };
    const record = toRecord(decision, now, this.#o.id, inputs, outcome);
    await this.#journal(record);
    return record;
  }

  /** Stops the loop and gives the lease up, so a standby takes over at once. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
    if (this.#leader) await this.#o.state.release(this.#o.id).catch(() => undefined);
    this.#setLeader(false);
  }

  async #claim(): Promise<boolean> {
    let held: boolean;
    try {
      held = await this.#o.state.claim(this.#o.id, this.#leaseMs);
    } catch (error) {
      // The store is unreachable: nobody can be sure to be the only controller, so nobody acts.
      this.#o.logger.warn({ err: error }, 'autoscaler cannot reach its lease; standing by');
      held = false;
    }
    if (!held && this.#leader) {
      // A new leader starts from its own samples: decisions wait one window, never act on a gap.
      this.#history = [];
      this.#players = null;
    }
    this.#setLeader(held);
    return held;
  }

  #setLeader(leader: boolean): void {
    if (leader !== this.#leader) {
      this.#o.logger.info(
        { controller: this.#o.id },
        leader ? 'autoscaler is the leader' : 'autoscaler stands by',
      );
      this.#o.observer?.leadership(leader);
    }
    this.#leader = leader;
  }

  #remember(sample: ClusterSample): void {
    const r = this.#rules;
    const longest = Math.max(
      r.urgentCpuForMs,
      r.urgentMemoryForMs,
      r.urgentErrorRateForMs,
      r.playersPerNodeUpForMs,
      r.tableCreationsUpForMs,
      r.seatQueueUpForMs,
      r.cpuDownForMs,
      r.playersPerNodeDownForMs,
    );
    this.#history.push(sample);
    // Keep one sample at or before the longest window's start: "held for d" needs it.
    const from = sample.at - longest;
    while (this.#history.length > 1 && (this.#history[1]?.at ?? Infinity) <= from) this.#history.shift();
  }

  /**
   * Records the cluster's players (every player, draining nodes' included) about once a minute in
   * the shared store, and forecasts from what is recorded. A store that cannot be read or written
   * costs the forecast, never the decision.
   */
  async #forecast(members: readonly Member[], now: number): Promise<Forecast | null> {
    const keepMs = forecastHistoryMs(this.#rules);
    const players = members.reduce((sum, m) => sum + m.load.players, 0);
    try {
      this.#players ??= await this.#o.state.playersSince(now - keepMs);
    } catch (error) {
      this.#o.logger.warn({ err: error }, 'autoscaler cannot read its recorded players; no forecast');
      return null;
    }
    const recorded = this.#players;
    const last = recorded[recorded.length - 1];
    if (last === undefined || now - last.at >= PLAYERS_RECORD_MS) {
      const point = { at: Math.round(now), players: Math.round(players) };
      recorded.push(point);
      while ((recorded[0]?.at ?? now) < now - keepMs) recorded.shift();
      await this.#o.state
        .recordPlayers(point, keepMs)
        .catch((error: unknown) =>
          this.#o.logger.warn({ err: error }, 'autoscaler could not record the players'),
        );
    }
    const options = forecastOptions(this.#rules);
    return options === null ? null : forecastPlayers(recorded, now, players, options);
  }

  async #act(decision: Decision, members: readonly Member[], now: number): Promise<string> {
    if (decision.action === 'hold') return 'done';
    // Claim again right before acting: a controller that lost the lease meanwhile must not act.
    if (!(await this.#claim())) return 'not done: lost the controller lease';
    const { logger, actuator } = this.#o;
    if (actuator.advisory === true) {
      logger.info({ decision }, 'autoscaler advises (the none actuator carries nothing out)');
      this.#memory =
        decision.action === 'up' ? { ...this.#memory, lastUpAt: now } : { ...this.#memory, lastDownAt: now };
      return 'advised only: the none actuator carries nothing out';
    }
    try {
      if (decision.action === 'up') {
        logger.info(
          { count: decision.count, urgent: decision.urgent, reason: decision.reason },
          'autoscaler adds nodes',
        );
        await actuator.add(decision.count);
        this.#memory = { ...this.#memory, lastUpAt: now };
      } else {
        logger.info({ nodes: decision.nodes, reason: decision.reason }, 'autoscaler drains nodes');
        for (const nodeId of decision.nodes) {
          const node = members.find((m) => m.nodeId === nodeId);
          if (node) await actuator.remove(node);
        }
        this.#memory = { ...this.#memory, lastDownAt: now };
      }
      return 'done';
    } catch (error) {
      logger.error({ err: error, decision }, 'autoscaler could not carry out its decision');
      // Counted as acted all the same: the cooldown keeps a failing actuator from being hammered.
      if (decision.action === 'up') this.#memory = { ...this.#memory, lastUpAt: now };
      else this.#memory = { ...this.#memory, lastDownAt: now };
      return `failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async #journal(record: DecisionRecord): Promise<void> {
    this.#o.observer?.decided(record);
    if (record.action === 'hold') {
      this.#o.logger.debug({ reason: record.reason, inputs: record.inputs }, 'autoscaler holds');
      if (record.at - this.#lastHoldJournaledAt < (this.#o.holdJournalMs ?? 300_000)) return;
      this.#lastHoldJournaledAt = record.at;
    } else {
      this.#lastHoldJournaledAt = -Infinity;
    }
    await this.#o.state
      .record(record, this.#o.journalSize ?? 100)
      .catch((error: unknown) =>
        this.#o.logger.warn({ err: error }, 'could not journal an autoscaler decision'),
      );
  }
}

function toRecord(
  decision: Decision,
  at: number,
  controller: string,
  inputs: DecisionRecord['inputs'],
  outcome: string,
): DecisionRecord {
  const base = { at, controller, reason: decision.reason, inputs, outcome };
  switch (decision.action) {
    case 'up':
      return { ...base, action: 'up', count: decision.count, urgent: decision.urgent };
    case 'down':
      return { ...base, action: 'down', nodes: [...decision.nodes] };
    case 'hold':
      return { ...base, action: 'hold' };
  }
}
