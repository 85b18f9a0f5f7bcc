import type { SettingsDraft } from '../../settings-form';
import type { SettingsTab } from '../../settings-tabs';

/** Which tab shows each field, so "Keep editing" can take the user back to a field that was not saved. */
export const FIELD_TAB: Record<keyof SettingsDraft, SettingsTab> = {
  micDeviceIndex: 'general',
  asrModel: 'general',
  asrDevice: 'general',
  mode: 'general',
  hotkey: 'general',
  sourceLanguage: 'translation',
  targetLanguage: 'translation',
  maxDeviceWords: 'translation',
  minAsrConfidence: 'translation',
  minDeviceLogprob: 'translation',
  cloudBaseUrl: 'cloud',
  cloudModel: 'cloud',
  priceInput: 'cloud',
  priceOutput: 'cloud',
  modelMirror: 'models',
  captionSize: 'appearance',
  theme: 'appearance',
  glossary: 'privacy',
};

/** Fields that cannot change now: the endpoint and the mirror while all-local is on. Their edits never block closing. */
export const disabledFields = (allLocal: boolean): ReadonlySet<keyof SettingsDraft> => new Set(allLocal ? ['cloudBaseUrl', 'cloudModel', 'modelMirror'] : []);
