import { useView } from '../store';

const CONNECTION_TEXT: Partial<Record<string, { message: string; action: string }>> = {
  reconnecting: { message: 'Lost the connection to the Sotto engine.', action: 'Reconnecting by itself…' },
  unauthorized: { message: 'The engine refused this window (wrong or missing token).', action: 'Open the link that `npm run dev:web` printed.' },
  closed: { message: 'The connection to the engine is closed.', action: 'Reload the window.' },
};

/** Errors and notices: what happened, what to do, dismissible. Errors are announced assertively. */
export function Notices() {
  const notices = useView((s) => s.notices);
  const dismiss = useView((s) => s.dismiss);
  const connection = useView((s) => s.connection);
  const conn = CONNECTION_TEXT[connection];
  return (
    <div className="notices" aria-label="Messages">
      {conn && (
        <div className="notice warning" role="alert">
          <div className="notice-text">
            <p className="notice-message">{conn.message}</p>
            <p className="notice-action">{conn.action}</p>
          </div>
        </div>
      )}
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-code={n.code}>
          <div className="notice-text">
            <p className="notice-message">
              {n.message}
              {n.count > 1 && <span className="notice-count"> ×{n.count}</span>}
            </p>
            {n.action && <p className="notice-action">{n.action}</p>}
          </div>
          <button type="button" className="icon-button" onClick={() => dismiss(n.id)} aria-label={`Dismiss: ${n.message}`}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
