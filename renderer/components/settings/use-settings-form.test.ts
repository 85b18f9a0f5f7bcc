import { describe, expect, it } from 'vitest';
import { PublicSettings, defaultSettings } from '../../contract';
import { draftFromSettings } from '../../settings-form';
import { planSave } from './use-settings-form';

const settings = PublicSettings.parse({ ...defaultSettings(), apiKeySet: false });

describe('planSave', () => {
  it('closes without a call when nothing changed', () => {
    expect(planSave(settings, draftFromSettings(settings))).toEqual({ kind: 'unchanged' });
  });

  it('sends only the changed fields', () => {
    expect(planSave(settings, { ...draftFromSettings(settings), theme: 'dark' })).toEqual({ kind: 'save', patch: { theme: 'dark' } });
  });

  it('marks the fields that would not validate, and sends nothing', () => {
    const plan = planSave(settings, { ...draftFromSettings(settings), maxDeviceWords: 'many' });
    expect(plan).toEqual({ kind: 'invalid', errors: { maxDeviceWords: 'Enter a number.' } });
  });
});
