// A tiny game for the SDK tests: a shared counter. Views fold `add` events; a `boom` event is one
// the reducer cannot fold (to test recovery). It has the GameModule methods the SDK reads types from.

export interface CounterView {
  readonly total: number;
  readonly adds: number;
}

export type CounterEvent = { readonly type: 'add'; readonly amount: number } | { readonly type: 'boom' };

export interface CounterLegal {
  readonly maxAdd: number;
}

export interface CounterAction {
  readonly type: 'add';
  readonly amount: number;
}

export const counterGame = {
  id: 'counter',
  reduceView(view: CounterView, event: CounterEvent): CounterView {
    if (event.type === 'boom') throw new Error('cannot fold boom');
    return { total: view.total + event.amount, adds: view.adds + 1 };
  },
  legalActions(_state: never, _seat: number): CounterLegal {
    return { maxAdd: 10 };
  },
  parseAction(
    input: unknown,
  ): { readonly ok: true; readonly action: CounterAction } | { readonly ok: false } {
    const action = input as Partial<CounterAction> | null;
    return action?.type === 'add' && typeof action.amount === 'number'
      ? { ok: true, action: { type: 'add', amount: action.amount } }
      : { ok: false };
  },
};

export const emptyView: CounterView = { total: 0, adds: 0 };

/** The server's view after the first `seq` events: what a client folds, with `boom` a no-op. */
export function viewAt(events: readonly CounterEvent[], seq: number): CounterView {
  return events
    .slice(0, seq)
    .reduce((view, event) => (event.type === 'boom' ? view : counterGame.reduceView(view, event)), emptyView);
}
