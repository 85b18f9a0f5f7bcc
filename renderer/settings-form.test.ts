import { describe, expect, it } from 'vitest';
import { PublicSettings, defaultSettings } from './contract';
import { draftFromSettings, patchFromDraft } from './settings-form';

const current = PublicSettings.parse({ ...defaultSettings(), apiKeySet: false });

describe('settings form', () => {
  it('an untouched form produces an empty patch', () => {
    expect(patchFromDraft(current, draftFromSettings(current))).toEqual({ ok: true, patch: {} });
  });

  it('sends only what changed, with numbers, lists and "none" converted', () => {
    const draft = { ...draftFromSettings(current), targetLanguage: 'de', maxDeviceWords: '25', glossary: 'Sotto\n\n  Acme GmbH ', cloudBaseUrl: 'http://127.0.0.1:8080/v1' };
    expect(patchFromDraft(current, draft)).toEqual({
      ok: true,
      patch: { targetLanguage: 'de', glossary: ['Sotto', 'Acme GmbH'], cloud: { baseUrl: 'http://127.0.0.1:8080/v1' }, routing: { maxDeviceWords: 25 } },
    });
    const back = { ...draftFromSettings({ ...current, targetLanguage: 'de' }), targetLanguage: '' };
    expect(patchFromDraft({ ...current, targetLanguage: 'de' }, back)).toEqual({ ok: true, patch: { targetLanguage: null } });
  });

  it('reports zod messages per field instead of saving bad values', () => {
    const draft = { ...draftFromSettings(current), cloudBaseUrl: 'ftp://example.com', maxDeviceWords: '', minAsrConfidence: '1.5', hotkey: '  ' };
    const result = patchFromDraft(current, draft);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['cloudBaseUrl', 'hotkey', 'maxDeviceWords', 'minAsrConfidence']);
    expect(result.errors.minAsrConfidence).toMatch(/1/);
    expect(result.errors.maxDeviceWords).toBe('Enter a number.');
    expect(result.errors.cloudBaseUrl).toMatch(/http:\/\/ or https:\/\//);
  });

  it('sends a price only as a pair, and none when both are empty', () => {
    const priced = { ...draftFromSettings(current), priceInput: '0.15', priceOutput: '0.6' };
    expect(patchFromDraft(current, priced)).toEqual({ ok: true, patch: { cloud: { pricePerMillion: { input: 0.15, output: 0.6 } } } });
    const half = patchFromDraft(current, { ...draftFromSettings(current), priceInput: '0.15' });
    expect(half).toEqual({ ok: false, errors: { priceOutput: 'Enter a number.' } });
    const withPrice = { ...current, cloud: { ...current.cloud, pricePerMillion: { input: 1, output: 2 } } };
    expect(patchFromDraft(withPrice, { ...draftFromSettings(withPrice), priceInput: '', priceOutput: '' })).toEqual({ ok: true, patch: { cloud: { pricePerMillion: null } } });
  });

  it('sends where Whisper runs as the id the GPU report gave', () => {
    expect(patchFromDraft(current, { ...draftFromSettings(current), asrDevice: 'gpu:NVIDIA GeForce RTX 3060' })).toEqual({ ok: true, patch: { asrDevice: 'gpu:NVIDIA GeForce RTX 3060' } });
    expect(patchFromDraft(current, { ...draftFromSettings(current), asrDevice: 'cpu' })).toEqual({ ok: true, patch: { asrDevice: 'cpu' } });
    expect(patchFromDraft(current, { ...draftFromSettings(current), asrDevice: 'gpu:' }).ok).toBe(false);
  });

  it('checks the download mirror is a plain base URL', () => {
    expect(patchFromDraft(current, { ...draftFromSettings(current), modelMirror: 'http://proxy.lan/hf' })).toEqual({ ok: true, patch: { modelMirror: 'http://proxy.lan/hf' } });
    expect(patchFromDraft(current, { ...draftFromSettings(current), modelMirror: 'http://proxy.lan/hf?x=1' })).toEqual({ ok: false, errors: { modelMirror: 'A mirror is a base URL: no query, fragment or user name.' } });
  });
});
