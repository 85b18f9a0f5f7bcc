import { useEffect, useRef, useState } from 'react';
import { OverlaySettings } from '../contract';
import { useCall } from '../api';
import { useView } from '../store';

const DEFAULTS = OverlaySettings.parse({});
const SLIDER_SETTLE_MS = 250;

/** The overlay's settings, and a change applied at once (every setting applies at once). */
export function useOverlaySettings(): [OverlaySettings, (patch: Partial<OverlaySettings>) => void] {
  const overlay = useView((s) => s.settings?.overlay ?? DEFAULTS);
  const call = useCall();
  return [overlay, (patch) => void call('settings.update', { patch: { overlay: patch } })];
}

/** A slider's value shown as it moves, saved once it rests (not one settings write per pixel). */
export function useSettledValue(saved: number, save: (value: number) => void): [number, (value: number) => void] {
  const [value, setValue] = useState(saved);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => setValue(saved), [saved]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const change = (next: number) => {
    setValue(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => save(next), SLIDER_SETTLE_MS);
  };
  return [value, change];
}
