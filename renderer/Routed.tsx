import { App, useDocumentAppearance } from './components/App';
import { HistoryView } from './history/HistoryView';
import { OverlayView } from './overlay/OverlayView';
import { useRoute } from './routes';
import { useView } from './store';

/** History and the overlay are views of the same page (same store, same connection); the main screen is App. */
function OtherView({ view }: { view: 'history' | 'overlay' }) {
  useDocumentAppearance();
  const ready = useView((s) => s.settings !== null);
  if (!ready) return <App />;
  return view === 'history' ? <HistoryView /> : <OverlayView />;
}

export function Routed() {
  const route = useRoute();
  return route === 'main' ? <App /> : <OtherView view={route} />;
}
