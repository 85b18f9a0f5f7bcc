import { useEffect, type CSSProperties } from 'react';
import { useView } from '../store';
import './overlay.css';
import { overlayLines } from './overlay-lines';
import { OverlayToolbar } from './OverlayToolbar';
import { useOverlaySettings } from './use-overlay-settings';

/** The page knows it is the overlay: its background becomes transparent (the window is, in the desktop app). */
function useOverlayDocument(): void {
  useEffect(() => {
    document.documentElement.dataset.view = 'overlay';
    document.title = 'Sotto captions';
    return () => void delete document.documentElement.dataset.view;
  }, []);
}

/** Captions only, newest at the bottom: what the always-on-top window shows. */
export function OverlayView() {
  useOverlayDocument();
  const [overlay] = useOverlaySettings();
  const order = useView((s) => s.order);
  const captions = useView((s) => s.captions);
  const lines = overlayLines(order, captions, overlay.show);
  const style = { '--overlay-font-size': `${overlay.fontSize}px`, '--overlay-backdrop': `${Math.round(overlay.opacity * 100)}%` } as CSSProperties;
  return (
    <main className={`overlay${overlay.clickThrough ? ' click-through' : ''}`} style={style}>
      <h1 className="visually-hidden">Sotto captions</h1>
      <OverlayToolbar />
      <div className="overlay-captions" aria-live="polite">
        {lines.length === 0 && <p className="overlay-waiting">Captions appear here.</p>}
        {lines.map((line) => (
          <p key={line.id} className={`overlay-line${line.partial ? ' partial' : ''}`} data-caption-id={line.id}>
            {line.texts.map((t) => (
              <span key={t.kind} className={`overlay-text ${t.kind}`} lang={t.lang ?? undefined}>
                {t.text}
              </span>
            ))}
          </p>
        ))}
      </div>
    </main>
  );
}
