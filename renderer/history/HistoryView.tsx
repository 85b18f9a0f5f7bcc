import { useEffect, useState } from 'react';
import { Notices } from '../components/Notices';
import { goTo } from '../routes';
import './history.css';
import { useHistoryScreen } from './history-store';
import { RetentionSelect } from './RetentionSelect';
import { SearchResults } from './SearchResults';
import { SessionDetail } from './SessionDetail';
import { SessionList } from './SessionList';
import { useHistoryActions } from './use-history-actions';
import { useLiveRefresh } from './use-live-refresh';

const SEARCH_DELAY_MS = 200;

function SearchBox() {
  const [text, setText] = useState(useHistoryScreen.getState().query);
  const { search } = useHistoryActions();
  useEffect(() => {
    const timer = setTimeout(() => void search(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <form role="search" className="history-search" onSubmit={(e) => e.preventDefault()}>
      <input type="search" className="input" placeholder="Search history" aria-label="Search history" value={text} onChange={(e) => setText(e.target.value)} />
    </form>
  );
}

/** The History screen: sessions (or search hits) beside the open session; one column on narrow windows. */
export function HistoryView() {
  useLiveRefresh();
  const hasOpen = useHistoryScreen((s) => s.open !== null);
  const searching = useHistoryScreen((s) => s.hits !== null);
  const said = useHistoryScreen((s) => s.said);
  return (
    <div className="history-screen">
      <header className="app-header history-header">
        <button type="button" className="button ghost" onClick={() => goTo('main')}>
          ← Captions
        </button>
        <h1>History</h1>
        <RetentionSelect />
      </header>
      <main className="history-body">
        <Notices />
        <p className="history-note muted">Kept on this device only. Nothing here is ever sent anywhere.</p>
        <div className={`history-main${hasOpen ? ' has-open' : ''}`}>
          <section className="history-sessions" aria-label={searching ? 'Search results' : 'Sessions'}>
            <SearchBox />
            {searching ? <SearchResults /> : <SessionList />}
          </section>
          <section className="history-detail" aria-label="Session">
            <SessionDetail />
          </section>
        </div>
        <p className="visually-hidden" role="status">
          {said}
        </p>
      </main>
    </div>
  );
}
