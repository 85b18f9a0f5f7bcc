import { HistoryRetention } from '../contract';
import { RETENTION_LABELS } from './history-text';
import { useHistoryActions } from './use-history-actions';
import { useHistoryScreen } from './history-store';

/** How long history is kept (a setting, applied at once; shortening it removes what is older at once too). */
export function RetentionSelect() {
  const retention = useHistoryScreen((s) => s.retention);
  const { setRetention } = useHistoryActions();
  if (!retention) return null;
  return (
    <label className="retention">
      <span>Keep history</span>
      <select className="input" value={retention} onChange={(e) => void setRetention(HistoryRetention.parse(e.target.value))}>
        {HistoryRetention.options.map((r) => (
          <option key={r} value={r}>
            {RETENTION_LABELS[r]}
          </option>
        ))}
      </select>
    </label>
  );
}
