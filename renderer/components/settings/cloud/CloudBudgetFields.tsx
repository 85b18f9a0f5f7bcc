import type { CloudBudget, PublicSettings } from '../../../contract';
import { useView } from '../../../store';
import { useCloudPatch } from './patch';

/** The monthly budget and what is left of it (from the ledger); when it is spent, lines stay on the device. */
export function CloudBudgetFields({ settings }: { settings: PublicSettings }) {
  const patch = useCloudPatch();
  const budget = settings.cloud.budget;
  const left = useView((s) => s.ledger?.budget ?? null);
  const save = (next: Partial<CloudBudget>): void => void patch({ budget: { ...budget, ...next } });
  return (
    <div className="grid-2">
      <div className="field">
        <label className="field-label" htmlFor="cloud-budget-kind">Monthly budget</label>
        <select className="input" id="cloud-budget-kind" value={budget.kind} onChange={(e) => save({ kind: e.target.value as CloudBudget['kind'] })}>
          <option value="off">No budget</option>
          <option value="requests">Requests</option>
          <option value="tokens">Tokens</option>
          <option value="usd">US dollars (at your price per million tokens)</option>
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor="cloud-budget-limit">Limit</label>
        <input className="input" id="cloud-budget-limit" inputMode="decimal" disabled={budget.kind === 'off'} defaultValue={String(budget.limit)} onBlur={(e) => Number(e.target.value) >= 0 && save({ limit: Number(e.target.value) })} />
        {left && (
          <p className="field-hint" role="status">
            {left.left > 0 ? `Left this month: ${left.kind === 'usd' ? left.left.toFixed(2) : Math.round(left.left)}` : 'Spent: lines stay on the device until next month.'}
          </p>
        )}
      </div>
    </div>
  );
}
