// The operator page (/admin): asks for the admin token (kept in sessionStorage, so it is gone
// when the tab closes), polls the overview and shows every node — one today, a cluster later —
// with live charts of hands/s, actions/s and action latency, and the tables each node hosts.

import { useEffect, useMemo, useState } from 'preact/hooks';
import { bytes, chips, duration, millis } from '../core/format.js';
import { useObservable } from '../core/use-observable.js';
import { stakesLabel } from '../lobby/filter.js';
import { AuditPanel } from './AuditPanel.js';
import { BroadcastForm } from './BroadcastForm.js';
import { LineChart } from './LineChart.js';
import type { NodeOverview } from './overview.js';
import { OverviewPoller } from './poller.js';
import { gauge, latest, rate, type Sample } from './series.js';

const TOKEN_KEY = 'pitboss.adminToken';
const POLL_MS = 2000;

function storedToken(): string | null {
  try {
    return globalThis.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function storeToken(token: string | null): void {
  try {
    if (token === null) globalThis.sessionStorage.removeItem(TOKEN_KEY);
    else globalThis.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Not remembered; the page still works until it is closed.
  }
}

export function AdminPage() {
  const [token, setToken] = useState<string | null>(storedToken);
  const [rejected, setRejected] = useState(false);
  /** The token last tried: a refused one stays in the field to be corrected, not typed again. */
  const [tried, setTried] = useState('');
  if (token === null) {
    return (
      <TokenForm
        rejected={rejected}
        initial={tried}
        onToken={(t) => {
          setTried(t);
          storeToken(t);
          setRejected(false);
          setToken(t);
        }}
      />
    );
  }
  return (
    <Dashboard
      token={token}
      onForget={(wasRejected) => {
        storeToken(null);
        setRejected(wasRejected);
        setToken(null);
      }}
    />
  );
}

function TokenForm(props: {
  readonly rejected: boolean;
  readonly initial: string;
  readonly onToken: (token: string) => void;
}) {
  const [value, setValue] = useState(props.initial);
  return (
    <main class="admin sign-in" aria-labelledby="admin-title">
      <h1 id="admin-title">Pitboss operator</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (value.trim() !== '') props.onToken(value.trim());
        }}
      >
        <label>
          Admin token
          <input
            name="token"
            type="password"
            autocomplete="off"
            required
            value={value}
            onInput={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <p class="hint">
          The node writes it to <code>&lt;data dir&gt;/admin-token</code> (by default{' '}
          <code>.data/admin-token</code>).
        </p>
        {props.rejected && (
          <p class="form-error" role="alert">
            That token was refused.
          </p>
        )}
        <button type="submit" class="primary">
          Open dashboard
        </button>
      </form>
    </main>
  );
}

function Dashboard(props: { readonly token: string; readonly onForget: (rejected: boolean) => void }) {
  const poller = useMemo(
    () =>
      new OverviewPoller({
        url: '/api/admin/overview',
        token: props.token,
        intervalMs: POLL_MS,
        fetch: globalThis.fetch.bind(globalThis),
      }),
    [props.token],
  );
  const nodes = useObservable(poller.nodes);
  const series = useObservable(poller.series);
  const status = useObservable(poller.status);

  useEffect(() => {
    poller.start();
    return () => poller.stop();
  }, [poller]);
  useEffect(() => {
    if (status.kind === 'unauthorized') props.onForget(true);
  }, [status.kind]);

  const totals = {
    connections: nodes.reduce((s, n) => s + n.connections, 0),
    players: nodes.reduce((s, n) => s + n.players, 0),
    tables: nodes.reduce((s, n) => s + n.tables.length, 0),
    handsPerSec: nodes.reduce((s, n) => s + (latest(rate(series.get(n.node) ?? [], 'hands')) ?? 0), 0),
  };

  return (
    <main class="admin" aria-labelledby="admin-title">
      <div class="admin-head">
        <h1 id="admin-title">Pitboss operator</h1>
        <p class="poll-status" role="status" data-testid="poll-status">
          {status.kind === 'ok'
            ? `Live · updated ${new Date(status.at).toLocaleTimeString()}`
            : status.kind === 'error'
              ? `Problem: ${status.message}`
              : 'Connecting…'}
        </p>
        <button type="button" class="link" onClick={() => props.onForget(false)}>
          Forget token
        </button>
      </div>
      <section class="totals" aria-label="Cluster totals">
        <Stat label="Nodes" value={String(nodes.length)} />
        <Stat label="Connections" value={chips(totals.connections)} />
        <Stat label="Players" value={chips(totals.players)} />
        <Stat label="Tables" value={chips(totals.tables)} />
        <Stat label="Hands/s" value={totals.handsPerSec.toFixed(2)} />
      </section>
      {nodes.map((node) => (
        <NodePanel key={node.node} node={node} samples={series.get(node.node) ?? []} />
      ))}
      <ClusterPanel nodes={nodes} />
      <AutoscalerPanel nodes={nodes} />
      <AuditPanel token={props.token} />
      <BroadcastForm token={props.token} />
      <TablesPanel nodes={nodes} token={props.token} />
    </main>
  );
}

function Stat(props: { readonly label: string; readonly value: string }) {
  return (
    <div class="stat">
      <span class="stat-label">{props.label}</span>
      <span class="stat-value" data-testid={`stat-${props.label.toLowerCase().replace(/\W+/g, '-')}`}>
        {props.value}
      </span>
    </div>
  );
}

function NodePanel(props: { readonly node: NodeOverview; readonly samples: readonly Sample[] }) {
  const { node, samples } = props;
  const hands = rate(samples, 'hands');
  const actions = rate(samples, 'actions');
  return (
    <section class="node" aria-label={`Node ${node.node}`} data-node={node.node}>
      <h2>Node {node.node}</h2>
      <div class="stats">
        <Stat label="Up" value={duration(node.now - node.startedAt)} />
        <Stat label="Connections" value={chips(node.connections)} />
        <Stat label="Players" value={chips(node.players)} />
        <Stat label="Tables" value={chips(node.tables.length)} />
        <Stat label="Hands" value={chips(node.handsTotal)} />
        <Stat label="Actions" value={chips(node.actionsTotal)} />
        <Stat label="Latency p50" value={millis(node.actionLatencyMs.p50)} />
        <Stat label="Latency p99" value={millis(node.actionLatencyMs.p99)} />
        <Stat label="Event loop lag" value={millis(node.eventLoopLagMs)} />
        <Stat
          label="Memory"
          value={`${bytes(node.memory.rssBytes)} rss · ${bytes(node.memory.heapUsedBytes)} heap`}
        />
      </div>
      <div class="charts">
        <LineChart
          title="Hands per second"
          series={[{ label: 'hands/s', points: hands, className: 's1' }]}
          format={(v) => v.toFixed(2)}
        />
        <LineChart
          title="Actions per second"
          series={[{ label: 'actions/s', points: actions, className: 's1' }]}
          format={(v) => v.toFixed(1)}
        />
        <LineChart
          title="Action latency"
          series={[
            { label: 'p50', points: gauge(samples, 'p50'), className: 's1' },
            { label: 'p99', points: gauge(samples, 'p99'), className: 's2' },
          ]}
          format={(v) => millis(v)}
        />
      </div>
      <div class="code-counts">
        <CodeCounts title="Errors by code" counts={node.errors} none="No errors since it started." />
        <CodeCounts title="Closes by code" counts={node.closes} none="No connection closed by the node." />
      </div>
    </section>
  );
}

/** Counts by code since the node started, the most frequent first (pitboss_errors/closes_total). */
function CodeCounts(props: {
  readonly title: string;
  readonly counts: readonly { readonly code: string; readonly count: number }[];
  readonly none: string;
}) {
  const shown = props.counts.slice(0, 8);
  return (
    <section class="code-count" aria-label={props.title}>
      <h3>{props.title}</h3>
      {shown.length === 0 ? (
        <p class="hint">{props.none}</p>
      ) : (
        <table>
          <tbody>
            {shown.map((c) => (
              <tr key={c.code} data-code={c.code}>
                <th scope="row">{c.code}</th>
                <td>{chips(c.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The members as the first cluster node polled sees them: state and load of every node. */
function ClusterPanel(props: { readonly nodes: readonly NodeOverview[] }) {
  const members = props.nodes.find((n) => n.cluster !== null)?.cluster;
  if (!members) return null;
  return (
    <section class="admin-cluster" aria-labelledby="admin-cluster-title">
      <h2 id="admin-cluster-title">Cluster ({members.length} nodes)</h2>
      <table class="tables" data-testid="admin-cluster">
        <TableHead columns={['Node', 'State', 'Players', 'Tables', 'CPU', 'Memory']} />
        <tbody>
          {members.map((m) => (
            <tr key={m.nodeId} data-member={m.nodeId}>
              <th scope="row" data-label="Node">
                {m.nodeId}
              </th>
              <td data-label="State">{m.state === 'draining' ? 'draining (tables moving away)' : m.state}</td>
              <td data-label="Players">{chips(m.players)}</td>
              <td data-label="Tables">{chips(m.tables)}</td>
              <td data-label="CPU">{`${Math.round(m.cpu * 100)} %`}</td>
              <td data-label="Memory">{`${Math.round(m.memory * 100)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Who runs the autoscaler and what it decided lately, with the reason and the load it saw. */
function AutoscalerPanel(props: { readonly nodes: readonly NodeOverview[] }) {
  const view = props.nodes.find((n) => n.autoscaler !== null)?.autoscaler;
  if (!view) return null;
  return (
    <section class="admin-autoscaler" aria-labelledby="admin-autoscaler-title">
      <h2 id="admin-autoscaler-title">Autoscaler</h2>
      <p data-testid="autoscaler-leader">
        {view.leader === null ? 'No autoscaler is running (pitboss autoscale).' : `Leader: ${view.leader}`}
      </p>
      <table class="tables" data-testid="autoscaler-decisions">
        <TableHead columns={['When', 'Decision', 'Why', 'Saw', 'Outcome']} />
        <tbody>
          {view.decisions.map((d) => (
            <tr key={`${d.controller}/${d.at}`} data-decision={d.action}>
              <td data-label="When">{new Date(d.at).toLocaleTimeString()}</td>
              <td data-label="Decision">
                {d.action === 'up'
                  ? `add ${d.count ?? '?'} node(s)${d.urgent === true ? ' (urgent)' : ''}`
                  : d.action === 'down'
                    ? `drain ${(d.nodes ?? []).join(', ')}`
                    : 'hold'}
              </td>
              <td data-label="Why">{d.reason}</td>
              <td data-label="Saw">
                {`${d.inputs.readyNodes} ready, ${d.inputs.startingNodes} starting, ${d.inputs.drainingNodes} draining · ${chips(d.inputs.players)} players · CPU ${Math.round(d.inputs.cpu * 100)} %${d.inputs.forecastPlayers === undefined ? '' : ` · forecast ${chips(d.inputs.forecastPlayers)} players`}`}
              </td>
              <td data-label="Outcome">{d.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function TableHead(props: { readonly columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {props.columns.map((c) => (
          <th key={c} scope="col">
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}

function TablesPanel(props: { readonly nodes: readonly NodeOverview[]; readonly token: string }) {
  const rows = props.nodes.flatMap((n) => n.tables.map((t) => ({ node: n.node, table: t })));
  const [said, setSaid] = useState<string | null>(null);
  /** POSTs an operator action for `table`; says what happened (or why not) above the list. */
  const act = async (table: string, verb: string, done: string, failed: string, body?: unknown) => {
    const res = await fetch(`/api/admin/tables/${encodeURIComponent(table)}/${verb}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${props.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }).catch(() => null);
    const answer = (await res?.json().catch(() => null)) as { error?: string } | null;
    setSaid(res?.ok === true ? done : `${failed}: ${answer?.error ?? 'no answer'}`);
  };
  /** Stands a player up (their chips go back to their wallet through the ledger), after a confirm. */
  const standUp = (table: string, account: string, name: string) => {
    if (!globalThis.confirm(`Stand ${name} up from this table? Their chips go back to their wallet.`)) return;
    void act(table, 'stand-up', `${name} was stood up.`, `Could not stand ${name} up`, { account });
  };
  /** Closes a table for good: the hand in progress plays out, every seat is paid out, then it goes. */
  const close = (table: string, name: string) => {
    if (!globalThis.confirm(`Close ${name} for good? Every player is stood up and paid out.`)) return;
    void act(table, 'close', `${name} is closing.`, `Could not close ${name}`);
  };
  /** Pauses (nothing is played, clocks stop) or resumes a table. */
  const pause = (table: string, name: string, paused: boolean) =>
    void act(
      table,
      paused ? 'pause' : 'resume',
      paused ? `${name} is paused.` : `${name} plays again.`,
      paused ? `Could not pause ${name}` : `Could not resume ${name}`,
    );
  return (
    <section class="admin-tables" aria-labelledby="admin-tables-title">
      <h2 id="admin-tables-title">Tables ({rows.length})</h2>
      {said !== null && (
        <p role="status" data-testid="admin-action">
          {said}
        </p>
      )}
      <table class="tables" data-testid="admin-tables">
        <TableHead columns={['Table', 'Node', 'Game', 'Stakes', 'Players', 'Hand', 'Watchers']} />
        <tbody>
          {rows.map(({ node, table }) => (
            <tr key={`${node}/${table.id}`} data-table={table.id}>
              <th scope="row" data-label="Table">
                <a href={`/table/${encodeURIComponent(table.id)}`}>{table.name}</a>
                <span class="players">{table.id}</span>
                <button
                  type="button"
                  class="link"
                  aria-label={`Close ${table.name}`}
                  onClick={() => close(table.id, table.name)}
                >
                  close table
                </button>
                <button
                  type="button"
                  class="link"
                  aria-label={`${table.paused === true ? 'Resume' : 'Pause'} ${table.name}`}
                  onClick={() => pause(table.id, table.name, table.paused !== true)}
                >
                  {table.paused === true ? 'resume' : 'pause'}
                </button>
              </th>
              <td data-label="Node">{node}</td>
              <td data-label="Game">{table.game === 'holdem' ? "Hold'em" : 'Hokm'}</td>
              <td data-label="Stakes">{stakesLabel(table)}</td>
              <td data-label="Players">
                {table.occupied}/{table.seats}
                {table.players.length > 0 && (
                  <ul class="admin-players">
                    {table.players.map((p) => (
                      <li key={p.seat} data-account={p.account}>
                        {p.name}
                        {p.away === true ? ' (away)' : ''}
                        {p.account !== '' && (
                          <button
                            type="button"
                            class="link"
                            aria-label={`Stand ${p.name} up`}
                            onClick={() => standUp(table.id, p.account, p.name)}
                          >
                            stand up
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {table.players.length > 0 && <SeatDetails table={table} />}
                {(table.refusals?.length ?? 0) > 0 && <Refusals table={table} />}
              </td>
              <td data-label="Hand">
                {table.handNumber}
                {table.inHand === true ? ' · in progress' : table.inHand === false ? ' · between hands' : ''}
                {table.paused === true && <strong class="paused"> · paused</strong>}
              </td>
              <td data-label="Watchers">{table.watchers}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** A table's seats in detail: who, chips, seat status and whether they are connected. */
function SeatDetails(props: { readonly table: NodeOverview['tables'][number] }) {
  return (
    <details class="seat-details">
      <summary>Seats</summary>
      <table>
        <TableHead columns={['Seat', 'Player', 'Chips', 'Status', 'Connection', 'Account']} />
        <tbody>
          {props.table.players.map((p) => (
            <tr key={p.seat} data-seat={p.seat}>
              <td>{p.seat + 1}</td>
              <td>{p.name}</td>
              <td>{chips(p.chips)}</td>
              <td>{(p.status ?? 'playing').replace('_', ' ')}</td>
              <td>{p.bot ? 'bot' : p.away === true ? 'away' : 'connected'}</td>
              <td>
                <code>{p.account}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** The players' commands the table refused lately (code and player), newest first. */
function Refusals(props: { readonly table: NodeOverview['tables'][number] }) {
  const names = new Map(props.table.players.map((p) => [p.account, p.name]));
  return (
    <details class="refusals">
      <summary>Recent refusals ({props.table.refusals?.length ?? 0})</summary>
      <ul>
        {(props.table.refusals ?? []).map((r, i) => (
          <li key={i}>
            {new Date(r.at).toLocaleTimeString()} · <code>{r.code}</code> ·{' '}
            {names.get(r.account) ?? r.account}
          </li>
        ))}
      </ul>
    </details>
  );
}
