import type { MicDevice, ModelEntry } from '../../contract';
import { modelSize } from '../../catalog';
import type { SettingsDraft } from '../../settings-form';
import type { SelectOption } from '../Select';

export const MODE_OPTIONS: ReadonlyArray<SelectOption<SettingsDraft['mode']>> = [
  { value: 'push-to-talk', label: 'Push-to-talk' },
  { value: 'hands-free', label: 'Hands-free (voice detection)' },
];
export const CAPTION_SIZE_OPTIONS: ReadonlyArray<SelectOption<SettingsDraft['captionSize']>> = [
  { value: 'small', label: 'Small' },
  { value: 'medium', label: 'Medium' },
  { value: 'large', label: 'Large' },
];
export const THEME_OPTIONS: ReadonlyArray<SelectOption<SettingsDraft['theme']>> = [
  { value: 'system', label: 'Follow the system' },
  { value: 'dark', label: 'Dark' },
  { value: 'light', label: 'Light' },
];

/** The system's default microphone first (index -1), then the devices the engine found. */
export function micOptions(mics: readonly MicDevice[]): SelectOption<string>[] {
  return [{ value: '-1', label: 'System default' }, ...mics.map((m) => ({ value: String(m.index), label: m.name }))];
}

/** Speech models by name and size. One set by path (or removed from the catalog) stays selectable under its own name. */
export function speechModelOptions(models: readonly ModelEntry[], current: string): SelectOption<string>[] {
  const whisper = models.filter((m) => m.kind === 'whisper');
  const known = whisper.some((m) => m.id === current);
  return [
    ...(known ? [] : [{ value: current, label: current }]),
    ...whisper.map((m) => ({ value: m.id, label: `${m.name} · ${modelSize(m)}${m.installed ? '' : ' (not installed)'}` })),
  ];
}
