import { useEffect } from 'react';
import { useView } from '../store';
import { HistoryButton } from '../history/HistoryButton';
import { LiveCaptionTools } from '../history/LiveCaptionTools';
import { OverlayButton } from '../overlay/OverlayButton';
import { CaptionList } from './captions/CaptionList';
import { MissingTranslator } from './captions/MissingTranslator';
import { CaptionSizeControl } from './controls/CaptionSizeControl';
import { Controls } from './controls/Controls';
import { FirstRun } from './first-run/FirstRun';
import { LedgerPanel } from './ledger/LedgerPanel';
import { Notices } from './Notices';
import { PrivacyBadge } from './PrivacyBadge';
import { SettingsPanel } from './SettingsPanel';
import { StatusBar } from './StatusBar';

/** Applies theme and caption size from settings to the document (CSS reads the data attributes). */
export function useDocumentAppearance(): void {
  const theme = useView((s) => s.settings?.theme ?? 'system');
  const size = useView((s) => s.settings?.captionSize ?? 'medium');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.captionSize = size;
  }, [theme, size]);
}

/**
 * The header: name (the page's h1), the all-local promise, and the view buttons. `.header-actions` is where the
 * History and Overlay buttons go, before Settings.
 */
function AppHeader({ allLocal }: { allLocal: boolean }) {
  const openSettings = useView((s) => s.openSettings);
  return (
    <header className="app-header">
      <h1 className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">Sotto</span>
      </h1>
      <PrivacyBadge allLocal={allLocal} />
      <div className="header-actions">
        <HistoryButton />
        <OverlayButton />
        <button type="button" id="settings-button" className="button ghost" onClick={() => openSettings()} aria-haspopup="dialog">
          Settings
        </button>
      </div>
    </header>
  );
}

function Connecting() {
  const connection = useView((s) => s.connection);
  return (
    <main className="center-screen" aria-busy="true">
      <h1 className="visually-hidden">Sotto</h1>
      <Notices />
      <p className="muted">{connection === 'unauthorized' ? 'The engine refused this window.' : 'Connecting to the Sotto engine…'}</p>
    </main>
  );
}

function MainScreen() {
  const settings = useView((s) => s.settings)!;
  const settingsTab = useView((s) => s.settingsTab);
  return (
    <div className="app">
      <AppHeader allLocal={settings.allLocal} />
      <main className="app-main">
        <Notices />
        <section className="captions-area" aria-label="Live captions">
          <div className="caption-toolbar">
            <LiveCaptionTools />
            <CaptionSizeControl />
          </div>
          <MissingTranslator />
          <CaptionList />
          <Controls />
        </section>
        <LedgerPanel />
      </main>
      <StatusBar />
      {settingsTab && <SettingsPanel settings={settings} tab={settingsTab} />}
    </div>
  );
}

export function App() {
  useDocumentAppearance();
  const settings = useView((s) => s.settings);
  if (!settings) return <Connecting />;
  if (!settings.firstRunDone) return <FirstRun settings={settings} />;
  return <MainScreen />;
}
