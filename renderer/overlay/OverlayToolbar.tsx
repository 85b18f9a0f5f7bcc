import { OverlaySettings } from '../contract';
import { useView } from '../store';
import { useOverlaySettings, useSettledValue } from './use-overlay-settings';

type Show = OverlaySettings['show'];
const SHOW: ReadonlyArray<{ value: Show; label: string }> = [
  { value: 'both', label: 'Both' },
  { value: 'source', label: 'Source' },
  { value: 'translation', label: 'Translation' },
];
const FONT = OverlaySettings.shape.fontSize.unwrap();
const STEP = 4;

function ShowChoice({ show, set }: { show: Show; set: (show: Show) => void }) {
  return (
    <div className="overlay-segmented" role="group" aria-label="Show">
      {SHOW.map((s) => (
        <button key={s.value} type="button" aria-pressed={show === s.value} onClick={() => set(s.value)}>
          {s.label}
        </button>
      ))}
    </div>
  );
}

function TextSize({ size, set }: { size: number; set: (size: number) => void }) {
  const min = FONT.minValue ?? 14;
  const max = FONT.maxValue ?? 96;
  return (
    <div className="overlay-segmented" role="group" aria-label={`Text size ${size} pixels`}>
      <button type="button" aria-label="Smaller text" disabled={size <= min} onClick={() => set(Math.max(min, size - STEP))}>
        A−
      </button>
      <button type="button" aria-label="Larger text" disabled={size >= max} onClick={() => set(Math.min(max, size + STEP))}>
        A+
      </button>
    </div>
  );
}

function Backdrop({ opacity, set }: { opacity: number; set: (opacity: number) => void }) {
  const [value, change] = useSettledValue(Math.round(opacity * 100), (v) => set(v / 100));
  return (
    <label className="overlay-range">
      <span>Backdrop</span>
      <input type="range" min={0} max={100} step={5} value={value} onChange={(e) => change(Number(e.target.value))} aria-valuetext={`${value} %`} />
    </label>
  );
}

/** The overlay's own controls: shown while the pointer or the keyboard focus is on the overlay. */
export function OverlayToolbar() {
  const [overlay, update] = useOverlaySettings();
  const inApp = useView((s) => s.connection === 'ipc');
  const close = () => (inApp ? update({ open: false }) : window.close());
  return (
    <div className="overlay-toolbar" role="toolbar" aria-label="Overlay">
      <ShowChoice show={overlay.show} set={(show) => update({ show })} />
      <TextSize size={overlay.fontSize} set={(fontSize) => update({ fontSize })} />
      <Backdrop opacity={overlay.opacity} set={(opacity) => update({ opacity })} />
      <button type="button" className="overlay-button" aria-pressed={overlay.clickThrough} title="Clicks go to the window underneath; turn it off from Sotto's main window" onClick={() => update({ clickThrough: !overlay.clickThrough })}>
        Click-through
      </button>
      <button type="button" className="overlay-button" aria-label="Close the overlay" title={`Close (${overlay.hotkey} opens it again)`} onClick={close}>
        ×
      </button>
    </div>
  );
}
