import { describe, expect, it } from 'vitest';
import type { ModelEntry, ModelDownloadProgress } from '../../contract';
import { readiness } from './readiness';

const m = (id: string, kind: ModelEntry['kind'], languages: string[], installed = false): ModelEntry => ({ id, kind, name: id, size: 1, languages, installed, recommended: false, description: '' });
const failed = (id: string): ModelDownloadProgress => ({ type: 'model.progress', id, state: 'error', bytes: 0, total: 1, speed_bps: 0, eta_s: null, message: 'HTTP 404' });

describe('readiness (the first run tells the truth)', () => {
  it('is not ready without a speech model, and says so', () => {
    const r = readiness([m('ggml-base', 'whisper', ['multilingual'])], {}, 'auto', '', true);
    expect(r.speechReady).toBe(false);
    expect(r.problems).toEqual(['No speech model is installed: Sotto needs one to caption anything. Go back to download or import one.']);
  });

  it('names a failed translator download and the missing translator it leaves', () => {
    const models = [m('ggml-base', 'whisper', ['multilingual'], true), m('opus-mt-en-de', 'translation', ['en', 'de'])];
    const r = readiness(models, { 'opus-mt-en-de': failed('opus-mt-en-de') }, 'en', 'de', true);
    expect(r.speechReady).toBe(true);
    expect(r.problems).toEqual(['The download of opus-mt-en-de failed. Go back to try again or import the file.', 'No on-device translator for English → German is installed: in all-local mode these lines stay untranslated.']);
  });

  it('has nothing to say when the speech model and the translator are there', () => {
    const models = [m('ggml-base', 'whisper', ['multilingual'], true), m('opus-mt-en-de', 'translation', ['en', 'de'], true)];
    expect(readiness(models, {}, 'en', 'de', false)).toEqual({ speechReady: true, problems: [] });
  });
});
