import type { PublicSettings } from '../../contract';
import { useCall } from '../../api';
import { useView } from '../../store';

type Size = PublicSettings['captionSize'];
const SIZES: ReadonlyArray<{ value: Size; label: string; name: string }> = [
  { value: 'small', label: 'A', name: 'Small' },
  { value: 'medium', label: 'A', name: 'Medium' },
  { value: 'large', label: 'A', name: 'Large' },
];

/** The caption size, one press away on the main screen (applied at once, like every setting). */
export function CaptionSizeControl() {
  const call = useCall();
  const size = useView((s) => s.settings?.captionSize ?? 'medium');
  return (
    <div className="size-control" role="group" aria-label="Caption size">
      {SIZES.map((s) => (
        <button key={s.value} type="button" className={`size-option ${s.value}`} aria-pressed={size === s.value} aria-label={`${s.name} captions`} title={`${s.name} captions`} onClick={() => void call('settings.update', { patch: { captionSize: s.value } })}>
          {s.label}
        </button>
      ))}
    </div>
  );
}
