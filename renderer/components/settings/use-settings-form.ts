import { useState, type FormEvent } from 'react';
import type { PublicSettings, SettingsPatch } from '../../contract';
import { useCall } from '../../api';
import { draftFromSettings, patchFromDraft, type SettingsDraft } from '../../settings-form';

export type FieldErrors = Partial<Record<keyof SettingsDraft, string>>;

/** The settings form's state, as its sections use it. */
export interface SettingsForm {
  draft: SettingsDraft;
  errors: FieldErrors;
  /** The last Save went through and nothing changed since. */
  saved: boolean;
  set<K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]): void;
  submit(event: FormEvent): Promise<void>;
}

export type SavePlan = { kind: 'invalid'; errors: FieldErrors } | { kind: 'unchanged' } | { kind: 'save'; patch: SettingsPatch };

/** What Save does with a draft: mark the bad fields, just close when nothing changed, or send the patch. */
export function planSave(settings: PublicSettings, draft: SettingsDraft): SavePlan {
  const result = patchFromDraft(settings, draft);
  if (!result.ok) return { kind: 'invalid', errors: result.errors };
  return Object.keys(result.patch).length === 0 ? { kind: 'unchanged' } : { kind: 'save', patch: result.patch };
}

/** Draft, field errors and Save for the settings dialog; `onClose` runs when Save has nothing to send. */
export function useSettingsForm(settings: PublicSettings, onClose: () => void): SettingsForm {
  const call = useCall();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
    setSaved(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const plan = planSave(settings, draft);
    if (plan.kind === 'invalid') setErrors(plan.errors);
    if (plan.kind === 'unchanged') onClose();
    if (plan.kind !== 'save') return;
    const updated = await call('settings.update', { patch: plan.patch });
    if (updated) {
      setDraft(draftFromSettings(updated));
      setSaved(true);
    }
  };

  return { draft, errors, saved, set, submit };
}
