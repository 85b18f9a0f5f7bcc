import { create } from 'zustand';
import type { CommandError, EngineEvent, LedgerTotals, ModelEntry, PublicSettings, Status } from './contract';
import type { SettingsTab } from './settings-tabs';
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
  /** Opens the settings dialog on a tab (from the header, a caption's "get a translator", a first-run hint, ...). */
  openSettings(tab?: SettingsTab): void;
  closeSettings(): void;
}

/** Screen-only state that no engine event touches. */
export interface UiState {
  /** The settings dialog's open tab; null while it is closed. */
  settingsTab: SettingsTab | null;
}

export type ViewStore = ViewState & UiState & ViewActions;

/** The renderer's one store: engine events in (reduceEvent, pure and unit-tested), screen state out. */
export const useView = create<ViewStore>()((set) => ({
  ...initialViewState(),
  settingsTab: null,
  apply: (event) => set((s) => reduceEvent(s, event, Date.now())),
  commandFailed: (command, error) => set((s) => addCommandError(s, command, error)),
  dismiss: (id) => set((s) => dismissNotice(s, id)),
  setSettings: (settings) => set({ settings }),
  setStatus: (status) => set({ status }),
  setLedger: (totals) => set((s) => withLedger(s, totals)),
  setModels: (models) => set({ models }),
  setConnection: (connection) => set({ connection }),
  openSettings: (tab = 'general') => set({ settingsTab: tab }),
  closeSettings: () => set({ settingsTab: null }),
}));
