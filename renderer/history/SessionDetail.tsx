import { useEffect } from 'react';
import type { HistoryLine } from '../contract';
import { useRovingFocus } from '../hooks/use-roving-focus';
import { ConfirmButton } from './ConfirmButton';
import { ExportControls } from './ExportControls';
import { useHistoryScreen } from './history-store';
import { offsetText, plural, sessionTitle } from './history-text';
import { useHistoryActions } from './use-history-actions';

const LINE_ATTR = 'data-history-line';

function Line({ line, active, highlighted }: { line: HistoryLine; active: boolean; highlighted: boolean }) {
  const { copy } = useHistoryActions();
  const when = offsetText(line.start_ms);
  return (
    <li className={`history-line${highlighted ? ' highlighted' : ''}`} {...{ [LINE_ATTR]: line.id }} tabIndex={active ? 0 : -1}>
      <span className="history-time">{when}</span>
      <div className="history-texts">
        <p lang={line.language ?? undefined}>{line.text}</p>
        {line.translation && <p className="history-translation" lang={line.target_language ?? undefined}>{line.translation}</p>}
      </div>
      <button type="button" className="button ghost small" tabIndex={active ? 0 : -1} aria-label={`Copy the line at ${when}`} onClick={() => void copy([line])}>
        Copy
      </button>
    </li>
  );
}

/** The lines of one session: one Tab stop, arrow keys inside; a search hit is scrolled into view. */
function Lines({ lines, highlight }: { lines: HistoryLine[]; highlight: string | null }) {
  const roving = useRovingFocus(
    lines.map((l) => l.id),
    LINE_ATTR,
  );
  useEffect(() => {
    if (highlight) document.querySelector(`[${LINE_ATTR}="${CSS.escape(highlight)}"]`)?.scrollIntoView({ block: 'center' });
  }, [highlight]);
  const active = highlight && lines.some((l) => l.id === highlight) ? highlight : roving.activeId;
  return (
    <ol className="history-lines" aria-label="Lines" onKeyDown={roving.onKeyDown} onFocus={roving.onFocus} onBlur={roving.onBlur}>
      {lines.map((line) => (
        <Line key={line.id} line={line} active={line.id === active} highlighted={line.id === highlight} />
      ))}
    </ol>
  );
}

/** One session: its lines, copy all, export and delete. */
export function SessionDetail() {
  const open = useHistoryScreen((s) => s.open);
  const highlight = useHistoryScreen((s) => s.highlight);
  const actions = useHistoryActions();
  if (!open) return <p className="history-empty muted">Choose a session to see its lines.</p>;
  const { session, lines } = open;
  return (
    <>
      <div className="history-detail-head">
        <button type="button" className="button ghost back-to-list" onClick={actions.close}>
          ← All sessions
        </button>
        <h2>{sessionTitle(session.started_at)}</h2>
        <p className="muted">{plural(lines.length, 'line')}{session.current ? ' · still recording' : ''}</p>
      </div>
      <div className="history-tools">
        <button type="button" className="button" disabled={lines.length === 0} onClick={() => void actions.copy(lines)}>
          Copy all
        </button>
        <ExportControls translated={session.translated} />
        <ConfirmButton label="Delete session" question="Delete this session?" confirm="Delete" onConfirm={() => void actions.remove(session.id)} />
      </div>
      <Lines lines={lines} highlight={highlight} />
    </>
  );
}
