import { useCall } from '../api';
import { routeHref } from '../routes';
import { useView } from '../store';

/**
 * Opens the caption overlay. In the desktop app the shell opens an always-on-top window when the setting says so
 * (the global hotkey flips the same setting); in a browser the overlay route opens as a popup.
 */
export function OverlayButton() {
  const overlay = useView((s) => s.settings?.overlay);
  const inApp = useView((s) => s.connection === 'ipc');
  const call = useCall();
  if (!overlay) return null;
  const update = (patch: { open?: boolean; clickThrough?: boolean }) => void call('settings.update', { patch: { overlay: patch } });
  const open = () => (inApp ? update({ open: !overlay.open }) : window.open(routeHref('overlay'), 'sotto-overlay', 'popup,width=960,height=260'));
  return (
    <div className="overlay-controls" role="group" aria-label="Caption overlay">
      <button type="button" className="button ghost" aria-pressed={inApp ? overlay.open : undefined} title={`Captions in an always-on-top window (${overlay.hotkey})`} onClick={open}>
        Overlay
      </button>
      {inApp && overlay.open && (
        <button type="button" className="button ghost small" aria-pressed={overlay.clickThrough} onClick={() => update({ clickThrough: !overlay.clickThrough })}>
          Click-through
        </button>
      )}
    </div>
  );
}
