import type { HistorySessionInfo } from '../contract';
import { ConfirmButton } from './ConfirmButton';
import { useHistoryScreen } from './history-store';
import { plural, sessionTitle } from './history-text';
import { useHistoryActions } from './use-history-actions';

function SessionItem({ session, open }: { session: HistorySessionInfo; open: boolean }) {
  const actions = useHistoryActions();
  return (
    <li>
      <button type="button" className="session-item" aria-current={open ? 'true' : undefined} onClick={() => void actions.open(session.id)}>
        <span className="session-when">
          {sessionTitle(session.started_at)}
          {session.current && <span className="chip">Now</span>}
        </span>
        <span className="session-count">{plural(session.lines, 'line')}</span>
        <span className="session-preview">{session.preview || '…'}</span>
      </button>
    </li>
  );
}

/** Sessions newest first, and the one way to delete them all. */
export function SessionList() {
  const sessions = useHistoryScreen((s) => s.sessions);
  const openId = useHistoryScreen((s) => s.open?.session.id ?? null);
  const retention = useHistoryScreen((s) => s.retention);
  const { removeAll } = useHistoryActions();
  if (!sessions) return <p className="muted">Loading history…</p>;
  if (sessions.length === 0) {
    return <p className="history-empty muted">{retention === 'off' ? 'History is off: captions are not saved.' : 'No history yet. Final captions are kept here, on this device only.'}</p>;
  }
  return (
    <>
      <ul className="session-list">
        {sessions.map((s) => (
          <SessionItem key={s.id} session={s} open={s.id === openId} />
        ))}
      </ul>
      <div className="history-list-actions">
        <ConfirmButton label="Delete all history" question={`Delete all ${plural(sessions.length, 'session')}?`} confirm="Delete all" onConfirm={() => void removeAll()} />
      </div>
    </>
  );
}
