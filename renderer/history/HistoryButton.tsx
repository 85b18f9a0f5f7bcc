import { goTo } from '../routes';

/** The header's way into History. */
export function HistoryButton() {
  return (
    <button type="button" className="button ghost" onClick={() => goTo('history')}>
      History
    </button>
  );
}
