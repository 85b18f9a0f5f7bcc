import { useState } from 'react';
import type { PublicSettings, SettingsPatch } from '../../contract';
import { useCall } from '../../api';
import { draftFromSettings, FIELD_LABEL, patchFromDraft, type SettingsDraft } from '../../settings-form';

export type FieldKey = keyof SettingsDraft;
export type FieldErrors = Partial<Record<FieldKey, string>>;

/**
 * The settings dialog's one save model: every change applies at once. A choice (select, switch) is saved when made;
 * a typed value when the field is left or Enter is pressed. A value that does not validate stays in its field with
 * its message and blocks nothing else; closing with one asks first.
 */
export interface SettingsForm {
  draft: SettingsDraft;
  errors: FieldErrors;
  /** "Saved: Theme." after the latest save. */
  savedNote: string;
  set<K extends FieldKey>(key: K, value: SettingsDraft[K]): void;
  /** Validates and saves these fields now (with `values` applied first); resolves whether they were saved. */
  commit(keys: FieldKey[], values?: Partial<SettingsDraft>): Promise<boolean>;
  /** Saves every edited field that is not disabled; resolves the fields still not saved (invalid or refused). */
  commitPending(disabled: ReadonlySet<FieldKey>): Promise<FieldKey[]>;
  discard(): void;
}

export type SavePlan = { kind: 'invalid'; errors: FieldErrors } | { kind: 'unchanged' } | { kind: 'save'; patch: SettingsPatch };

/** What saving `keys` of a draft does: the patch of just those fields, nothing, or the messages of the bad ones. */
export function planSave(settings: PublicSettings, draft: SettingsDraft, keys: readonly FieldKey[]): SavePlan {
  const only: SettingsDraft = { ...draftFromSettings(settings) };
  for (const key of keys) (only as Record<FieldKey, string>)[key] = draft[key];
  const result = patchFromDraft(settings, only);
  if (!result.ok) return { kind: 'invalid', errors: result.errors };
  return Object.keys(result.patch).length === 0 ? { kind: 'unchanged' } : { kind: 'save', patch: result.patch };
}

/** Fields edited and not saved yet (their value differs from the settings), leaving out disabled ones. */
export function pendingKeys(settings: PublicSettings, edits: Partial<SettingsDraft>, disabled: ReadonlySet<FieldKey>): FieldKey[] {
  const saved = draftFromSettings(settings);
  return (Object.keys(edits) as FieldKey[]).filter((k) => !disabled.has(k) && edits[k] !== saved[k]);
}

const without = <T extends object>(o: T, keys: readonly PropertyKey[]): T => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as T;

export function useSettingsForm(settings: PublicSettings): SettingsForm {
  const call = useCall();
  const [edits, setEdits] = useState<Partial<SettingsDraft>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [savedNote, setSavedNote] = useState('');
  const draft = { ...draftFromSettings(settings), ...edits };

  const set = <K extends FieldKey>(key: K, value: SettingsDraft[K]) => {
    setEdits((e) => ({ ...e, [key]: value }));
    setErrors((e) => without(e, [key]));
  };

  const commit = async (keys: FieldKey[], values: Partial<SettingsDraft> = {}): Promise<boolean> => {
    const plan = planSave(settings, { ...draft, ...values }, keys);
    if (plan.kind === 'invalid') {
      setErrors((e) => ({ ...e, ...plan.errors }));
      return false;
    }
    if (plan.kind === 'save' && !(await call('settings.update', { patch: plan.patch }))) return false;
    setEdits((e) => without(e, keys));
    if (plan.kind === 'save') setSavedNote(`Saved: ${keys.map((k) => FIELD_LABEL[k]).join(', ')}.`);
    return true;
  };

  const commitPending = async (disabled: ReadonlySet<FieldKey>): Promise<FieldKey[]> => {
    const failed: FieldKey[] = [];
    for (const key of pendingKeys(settings, edits, disabled)) if (!(await commit([key]))) failed.push(key);
    return failed;
  };

  const discard = () => {
    setEdits({});
    setErrors({});
  };

  return { draft, errors, savedNote, set, commit, commitPending, discard };
}
