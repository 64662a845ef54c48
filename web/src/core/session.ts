// The player's side of the app: one PitbossClient (reconnects and resumes by itself), who is
// signed in, the wallet balance, the live lobby and the server clock offset. Components read the
// Observables; nothing here touches the DOM, so one page could hold several sessions.

import {
  LobbyStore,
  PitbossAuthError,
  PitbossClient,
  type AccountInfo,
  type ConnectionState,
  type WebSocketConstructor,
} from '../../../src/sdk/index.js';
import { describeError, isConnectionError } from './errors.js';
import { Observable } from './observable.js';
import type { TokenStore } from './token-store.js';

/** 'starting': resuming a stored session. 'signed_out': show the sign-in form. */
export type Phase = 'starting' | 'signed_out' | 'signed_in';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
  /** About the connection ("Not connected right now"): stale, and removed, once it is back. */
  readonly connection?: boolean;
}

export interface SessionOptions {
  /** `ws://host/ws`. */
  readonly url: string;
  readonly tokens: TokenStore;
  readonly WebSocket?: WebSocketConstructor;
  readonly now?: () => number;
}

export type SignIn =
  | { readonly kind: 'guest'; readonly nickname: string }
  | {
      readonly kind: 'register';
      readonly username: string;
      readonly password: string;
      readonly nickname?: string;
    }
  | { readonly kind: 'login'; readonly username: string; readonly password: string };

export class PlayerSession {
  readonly client: PitbossClient;
  readonly lobby: LobbyStore;
  readonly phase = new Observable<Phase>('starting');
  readonly connection = new Observable<ConnectionState>('closed');
  readonly account = new Observable<AccountInfo | null>(null);
  readonly balance = new Observable<number | null>(null);
  /** Server clock minus ours (ms): turn deadlines are server epoch times. */
  readonly clockOffset = new Observable<number>(0);
  readonly notices = new Observable<readonly Notice[]>([]);
  /** True once a connection was lost and not yet restored: the UI shows "reconnecting". */
  readonly interrupted = new Observable<boolean>(false);

  readonly #tokens: TokenStore;
  readonly #now: () => number;
  #noticeId = 0;

  constructor(options: SessionOptions) {
    this.#tokens = options.tokens;
    this.#now = options.now ?? Date.now;
    this.client = new PitbossClient({
      url: options.url,
      token: options.tokens.read(),
      clientName: 'pitboss-web/1',
      ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
      // A person is waiting: retry sooner than the SDK's default ceiling of 15 s.
      reconnect: { maxDelayMs: 4000 },
    });
    this.lobby = new LobbyStore(this.client);
    this.client.on('state', (state) => {
      this.connection.set(state);
      if (state === 'reconnecting') this.interrupted.set(true);
    });
    this.client.on('open', (info) => {
      this.account.set(info.account);
      // Nothing to restore before signing in: the 'restored' event will not come.
      if (this.phase.value !== 'signed_in') {
        this.interrupted.set(false);
        this.#dropConnectionNotices();
      }
      if (info.reconnected) void this.#afterReconnect();
      void this.#measureClock();
    });
    this.client.on('restored', () => {
      this.interrupted.set(false);
      this.#dropConnectionNotices();
    });
    this.client.on('wallet', ({ balance }) => this.balance.set(balance));
    this.client.on('notice', ({ message }) => this.notify('info', `From the operator: ${message}`));
    this.client.on('error', (error) => {
      if (error instanceof PitbossAuthError) {
        this.#signedOut();
        this.notify('error', describeError(error));
      }
    });
  }

  /** Resumes the stored session, if any; otherwise waits for `signIn`. */
  async start(): Promise<void> {
    if (this.#tokens.read() === null) {
      this.phase.set('signed_out');
      return;
    }
    try {
      const info = await this.client.connect();
      if (info.account === null) {
        this.#signedOut();
        return;
      }
      await this.#enter();
    } catch (error) {
      // A refused token already signed us out (the 'error' listener); anything else is reported.
      if (!(error instanceof PitbossAuthError)) this.notify('error', describeError(error));
      if (this.phase.value === 'starting') this.#signedOut();
    }
  }

  /** Signs in; rejects with the server's error (shown by the form). */
  async signIn(how: SignIn): Promise<void> {
    // Connect only now: the server closes connections that stay unauthenticated for long.
    await this.client.connect();
    const reply =
      how.kind === 'guest'
        ? await this.client.request('auth.guest', { nickname: how.nickname })
        : how.kind === 'register'
          ? await this.client.request('auth.register', {
              username: how.username,
              password: how.password,
              ...(how.nickname ? { nickname: how.nickname } : {}),
            })
          : await this.client.request('auth.login', { username: how.username, password: how.password });
    this.#tokens.write(reply.token);
    this.account.set(reply.account);
    this.balance.set(reply.balance);
    await this.#enter();
  }

  /** Forgets the session. The page reloads so every table and subscription starts clean. */
  signOut(): void {
    this.#tokens.clear();
    this.client.close('signed out');
    globalThis.location.assign('/');
  }

  notify(kind: Notice['kind'], text: string, options: { connection?: boolean } = {}): void {
    const notice: Notice = { id: ++this.#noticeId, kind, text, ...options };
    // The same words again replace the older copy: one notice, the newest.
    this.notices.update((list) => [...list.filter((n) => n.text !== text).slice(-3), notice]);
  }

  /** A failed request, as a notice; one that failed for want of a connection goes when it returns. */
  report(error: unknown): void {
    this.notify('error', describeError(error), { connection: isConnectionError(error) });
  }

  /** True while the connection is not there to carry a request: the UI pauses actions. */
  offline(): boolean {
    return this.interrupted.value || this.connection.value !== 'open';
  }

  #dropConnectionNotices(): void {
    this.notices.update((list) => list.filter((n) => n.connection !== true));
  }

  dismiss(id: number): void {
    this.notices.update((list) => list.filter((n) => n.id !== id));
  }

  /** Server time now, by our clock and the measured offset. */
  serverNow(): number {
    return this.#now() + this.clockOffset.value;
  }

  async #enter(): Promise<void> {
    this.phase.set('signed_in');
    await Promise.all([this.#refreshWallet(), this.client.request('lobby.subscribe')]);
  }

  async #afterReconnect(): Promise<void> {
    // Wallet pushes sent while we were away are lost: ask again.
    if (this.phase.value === 'signed_in') await this.#refreshWallet();
  }

  async #refreshWallet(): Promise<void> {
    try {
      const { balance } = await this.client.request('wallet.get');
      this.balance.set(balance);
    } catch {
      // The next wallet push or reconnect refreshes it.
    }
  }

  async #measureClock(): Promise<void> {
    try {
      const sent = this.#now();
      const { now } = await this.client.request('ping');
      const received = this.#now();
      this.clockOffset.set(Math.round(now - (sent + received) / 2));
    } catch {
      // Keep the last estimate.
    }
  }

  #signedOut(): void {
    this.#tokens.clear();
    this.account.set(null);
    this.balance.set(null);
    this.phase.set('signed_out');
  }
}
