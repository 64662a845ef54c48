// A message from the operator to every player connected to the cluster (POST
// /api/admin/broadcast): it shows in each player's notices.

import { useState } from 'preact/hooks';

const MAX_LENGTH = 500;

export function BroadcastForm(props: { readonly token: string }) {
  const [message, setMessage] = useState('');
  const [said, setSaid] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    const res = await fetch('/api/admin/broadcast', {
      method: 'POST',
      headers: { authorization: `Bearer ${props.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: message.trim() }),
    }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { error?: string } | null;
    setBusy(false);
    if (res?.ok === true) {
      setSaid('Sent to every connected player.');
      setMessage('');
    } else setSaid(`Not sent: ${body?.error ?? 'no answer'}`);
  };
  return (
    <form
      class="broadcast"
      aria-labelledby="broadcast-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (message.trim() !== '') void send();
      }}
    >
      <h2 id="broadcast-title">Message to all players</h2>
      <label>
        Message
        <input
          name="message"
          maxLength={MAX_LENGTH}
          value={message}
          onInput={(e) => setMessage(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy || message.trim() === ''}>
        Send to everyone
      </button>
      {said !== null && (
        <p role="status" data-testid="broadcast-status">
          {said}
        </p>
      )}
    </form>
  );
}
