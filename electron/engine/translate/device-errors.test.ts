import { describe, expect, it } from 'vitest';
import { TransformersError } from '../../../native/transformers';
import { deviceErrorFrom, DeviceModelError } from './device-errors';

const model = { folder: '/models/opus-mt-en-de', name: 'opus-mt-en-de' };
const pair = { source: 'en', target: 'de' };

describe('deviceErrorFrom', () => {
  it('words each facade failure for the user, naming the model folder', () => {
    const cases = [
      ['runtime_unavailable', 'translate.device_failed', /On-device text translation is unavailable: no binary/],
      ['load_failed', 'translate.device_model_corrupt', /opus-mt-en-de cannot be used: transformers.js could not load it \(no binary\)/],
      ['unknown_language', 'translate.device_language_unsupported', /does not support en → de/],
      ['generate_failed', 'translate.device_failed', /On-device translation with opus-mt-en-de failed: no binary/],
    ] as const;
    for (const [code, deviceCode, message] of cases) {
      const cause = new TransformersError(code, 'no binary');
      const error = deviceErrorFrom(cause, model, pair) as DeviceModelError;
      expect(error).toBeInstanceOf(DeviceModelError);
      expect(error).toMatchObject({ code: deviceCode, folder: model.folder, cause });
      expect(error.message).toMatch(message);
      expect(error.action.length).toBeGreaterThan(0);
    }
  });

  it('passes anything else through: an abort keeps its reason', () => {
    const reason = new Error('caption cancelled');
    expect(deviceErrorFrom(reason, model, pair)).toBe(reason);
  });
});
