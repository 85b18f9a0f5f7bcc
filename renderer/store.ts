import { create } from 'zustand';
import type { CommandError, EngineEvent, LedgerTotals, ModelEntry, PublicSettings, Status } from './contract';
import { addCommandError, dismissNotice, initialViewState, reduceEvent, withLedger, type ConnectionView, type ViewState } from './state';

export interface ViewActions {
  apply(event: EngineEvent): void;
  commandFailed(command: string, error: CommandError): void;
  dismiss(id: number): void;
  setSettings(settings: PublicSettings): void;
  setStatus(status: Status): void;
  setLedger(totals: LedgerTotals): void;
  setModels(models: ModelEntry[]): void;
  setConnection(connection: ConnectionView): void;
}

export type ViewStore = ViewState & ViewActions;

/** The renderer's one store: engine events in (reduceEvent, pure and unit-tested), screen state out. */
export const useView = create<ViewStore>()((set) => ({
  ...initialViewState(),
  apply: (event) => set((s) => reduceEvent(s, event, Date.now())),
  commandFailed: (command, error) => set((s) => addCommandError(s, command, error)),
  dismiss: (id) => set((s) => dismissNotice(s, id)),
  setSettings: (settings) => set({ settings }),
  setStatus: (status) => set({ status }),
  setLedger: (totals) => set((s) => withLedger(s, totals)),
  setModels: (models) => set({ models }),
  setConnection: (connection) => set({ connection }),
}));
