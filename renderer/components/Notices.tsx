import { shortMessage } from '../messages';
import type { NoticeView } from '../state';
import { useView } from '../store';

const CONNECTION_TEXT: Partial<Record<string, { message: string; action: string }>> = {
  reconnecting: { message: 'Lost the connection to the Sotto engine.', action: 'Reconnecting by itself…' },
  unauthorized: { message: 'The engine refused this window (wrong or missing token).', action: 'Open the link that `npm run dev:web` printed.' },
  closed: { message: 'The connection to the engine is closed.', action: 'Reload the window.' },
};

/** A short message and what to do; the engine's full text (URLs, hashes) only when asked for. */
export function MessageText({ message, action, count = 1 }: { message: string; action: string | null; count?: number }) {
  const { short, details } = shortMessage(message);
  return (
    <div className="notice-text">
      <p className="notice-message">
        {short}
        {count > 1 && <span className="notice-count"> ×{count}</span>}
      </p>
      {action && <p className="notice-action">{action}</p>}
      {details && (
        <details className="notice-details">
          <summary>Details</summary>
          <p>{details}</p>
        </details>
      )}
    </div>
  );
}

function NoticeItem({ notice: n }: { notice: NoticeView }) {
  const dismiss = useView((s) => s.dismiss);
  return (
    <div className={`notice ${n.level}`} role={n.level === 'error' ? 'alert' : 'status'} data-code={n.code}>
      <MessageText message={n.message} action={n.action} count={n.count} />
      <button type="button" className="icon-button" onClick={() => dismiss(n.id)} aria-label={`Dismiss: ${shortMessage(n.message).short}`}>
        ×
      </button>
    </div>
  );
}

/** Errors and notices: what happened, what to do, dismissible. In the flow above the captions, never over them. */
export function Notices() {
  const notices = useView((s) => s.notices);
  const connection = useView((s) => s.connection);
  const conn = CONNECTION_TEXT[connection];
  if (!conn && notices.length === 0) return null;
  return (
    <div className="notices">
      {conn && (
        <div className="notice warning" role="alert">
          <MessageText message={conn.message} action={conn.action} />
        </div>
      )}
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} />
      ))}
    </div>
  );
}
