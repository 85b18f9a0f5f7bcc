import { describe, expect, it } from 'vitest';
import { PublicSettings, defaultSettings } from '../../contract';
import { draftFromSettings } from '../../settings-form';
import { pendingKeys, planSave } from './use-settings-form';

const settings = PublicSettings.parse({ ...defaultSettings(), apiKeySet: false });
const draft = draftFromSettings(settings);

describe('planSave (one field at a time, applied at once)', () => {
  it('sends only the field being saved', () => {
    expect(planSave(settings, { ...draft, theme: 'dark', maxDeviceWords: 'many' }, ['theme'])).toEqual({ kind: 'save', patch: { theme: 'dark' } });
  });

  it('has nothing to send when the field is unchanged', () => {
    expect(planSave(settings, draft, ['theme'])).toEqual({ kind: 'unchanged' });
  });

  it('marks a field that would not validate, and never lets it block another field', () => {
    const bad = { ...draft, cloudBaseUrl: 'ftp://example.com', captionSize: 'large' as const };
    expect(planSave(settings, bad, ['cloudBaseUrl'])).toEqual({ kind: 'invalid', errors: { cloudBaseUrl: expect.stringMatching(/http:\/\//) } });
    expect(planSave(settings, bad, ['captionSize'])).toEqual({ kind: 'save', patch: { captionSize: 'large' } });
  });
});

describe('pendingKeys', () => {
  it('lists edited fields that differ from the settings, but not disabled ones', () => {
    const edits = { cloudBaseUrl: 'ftp://x', theme: settings.theme, hotkey: 'F8' };
    expect(pendingKeys(settings, edits, new Set())).toEqual(['cloudBaseUrl', 'hotkey']);
    expect(pendingKeys(settings, edits, new Set(['cloudBaseUrl']))).toEqual(['hotkey']);
  });
});
