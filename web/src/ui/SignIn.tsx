// Sign in as a guest (one field), log in, or register. Errors from the server are shown next to
// the form and announced.

import { useState } from 'preact/hooks';
import { describeError } from '../core/errors.js';
import type { PlayerSession, SignIn as SignInRequest } from '../core/session.js';

type Mode = 'guest' | 'login' | 'register';

const MODES: readonly { readonly mode: Mode; readonly label: string }[] = [
  { mode: 'guest', label: 'Play as guest' },
  { mode: 'login', label: 'Log in' },
  { mode: 'register', label: 'Register' },
];

export function SignIn(props: { readonly session: PlayerSession }) {
  const [mode, setMode] = useState<Mode>('guest');
  const [nickname, setNickname] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const request: SignInRequest =
      mode === 'guest'
        ? { kind: 'guest', nickname: nickname.trim() }
        : mode === 'login'
          ? { kind: 'login', username: username.trim(), password }
          : { kind: 'register', username: username.trim(), password, nickname: nickname.trim() };
    setBusy(true);
    setError(null);
    try {
      await props.session.signIn(request);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Welcome to Pitboss</h1>
      <p class="lead">Real-time No-Limit Hold'em and Hokm. Pick a name and take a seat.</p>
      <div class="tabs" role="tablist" aria-label="How to sign in">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            role="tab"
            id={`tab-${m.mode}`}
            aria-selected={mode === m.mode}
            aria-controls="sign-in-form"
            tabIndex={mode === m.mode ? 0 : -1}
            onClick={() => {
              setMode(m.mode);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
              const i = MODES.findIndex((x) => x.mode === mode);
              const next = MODES[(i + (e.key === 'ArrowRight' ? 1 : MODES.length - 1)) % MODES.length];
              if (next) {
                setMode(next.mode);
                document.getElementById(`tab-${next.mode}`)?.focus();
              }
            }}
          >
            {m.label}
          </button>
        ))}
      </div>
      <div id="sign-in-form" role="tabpanel" aria-labelledby={`tab-${mode}`}>
        <form aria-labelledby={`tab-${mode}`} onSubmit={(e) => void submit(e)}>
          {mode !== 'guest' && (
            <>
              <label>
                Username
                <input
                  name="username"
                  autocomplete="username"
                  required
                  maxLength={64}
                  value={username}
                  onInput={(e) => setUsername(e.currentTarget.value)}
                />
              </label>
              <label>
                Password
                <input
                  name="password"
                  type="password"
                  autocomplete={mode === 'register' ? 'new-password' : 'current-password'}
                  required
                  maxLength={256}
                  value={password}
                  onInput={(e) => setPassword(e.currentTarget.value)}
                />
              </label>
            </>
          )}
          {mode !== 'login' && (
            <label>
              {mode === 'guest' ? 'Nickname' : 'Nickname (optional)'}
              <input
                name="nickname"
                autocomplete="nickname"
                required={mode === 'guest'}
                maxLength={64}
                value={nickname}
                onInput={(e) => setNickname(e.currentTarget.value)}
              />
            </label>
          )}
          {error !== null && (
            <p class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {busy
              ? 'Signing in…'
              : mode === 'guest'
                ? 'Play as guest'
                : mode === 'login'
                  ? 'Log in'
                  : 'Create account'}
          </button>
        </form>
      </div>
    </main>
  );
}
