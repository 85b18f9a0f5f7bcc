import { useEffect, useState } from 'react';
import { useView } from '../store';
import { CaptionList } from './CaptionList';
import { Controls } from './Controls';
import { FirstRun } from './FirstRun';
import { LedgerPanel } from './LedgerPanel';
import { Notices } from './Notices';
import { SettingsPanel } from './SettingsPanel';
import { StatusBar } from './StatusBar';
import { PrivacyBadge } from './PrivacyBadge';

/** Applies theme and caption size from settings to the document (CSS reads the data attributes). */
function useDocumentAppearance(): void {
  const theme = useView((s) => s.settings?.theme ?? 'system');
  const size = useView((s) => s.settings?.captionSize ?? 'medium');
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.dataset.captionSize = size;
  }, [theme, size]);
}

export function App() {
  useDocumentAppearance();
  const settings = useView((s) => s.settings);
  const connection = useView((s) => s.connection);
  const [settingsOpen, setSettingsOpen] = useState(false);

  if (!settings) {
    return (
      <main className="center-screen" aria-busy="true">
        <Notices />
        <p className="muted">{connection === 'unauthorized' ? 'The engine refused this window.' : 'Connecting to the Sotto engine…'}</p>
      </main>
    );
  }

  if (!settings.firstRunDone) {
    return (
      <>
        <Notices />
        <FirstRun settings={settings} />
      </>
    );
  }

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Sotto</span>
        </div>
        <PrivacyBadge allLocal={settings.allLocal} />
        <button type="button" className="button ghost" onClick={() => setSettingsOpen(true)} aria-haspopup="dialog">
          Settings
        </button>
      </header>
      <Notices />
      <main className="app-main">
        <section className="captions-area" aria-label="Live captions">
          <CaptionList />
          <Controls />
        </section>
        <LedgerPanel />
      </main>
      <StatusBar />
      {settingsOpen && <SettingsPanel settings={settings} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
