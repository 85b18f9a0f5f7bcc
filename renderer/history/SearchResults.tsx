import { useHistoryScreen } from './history-store';
import { offsetText, sessionTitle } from './history-text';
import { useHistoryActions } from './use-history-actions';

/** Lines that match the search, across sessions; a hit opens its session at that line. */
export function SearchResults() {
  const hits = useHistoryScreen((s) => s.hits);
  const truncated = useHistoryScreen((s) => s.truncated);
  const sessions = useHistoryScreen((s) => s.sessions ?? []);
  const { open } = useHistoryActions();
  if (!hits) return null;
  if (hits.length === 0) return <p className="history-empty muted">No line matches.</p>;
  const started = new Map(sessions.map((s) => [s.id, s.started_at]));
  return (
    <>
      <ul className="session-list hits" aria-label="Matching lines">
        {hits.map((hit) => (
          <li key={`${hit.session_id}/${hit.line.id}`}>
            <button type="button" className="session-item" onClick={() => void open(hit.session_id, hit.line.id)}>
              <span className="session-when">
                {sessionTitle(started.get(hit.session_id) ?? hit.line.at)} · {offsetText(hit.line.start_ms)}
              </span>
              <span className="session-preview">{hit.line.text}</span>
              {hit.line.translation && <span className="session-preview translation">{hit.line.translation}</span>}
            </button>
          </li>
        ))}
      </ul>
      {truncated && <p className="muted">Showing the first {hits.length} matches. Add a word to narrow the search.</p>}
    </>
  );
}
