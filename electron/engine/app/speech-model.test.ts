import { describe, expect, it } from 'vitest';
import type { AppParts } from './parts';
import { placeWhenIdle } from './speech-model';

/** Parts enough for placeWhenIdle: whether capture runs, whether a probe ended since the model was placed. */
function parts(capturing: boolean, stale: boolean) {
  const gets: string[] = [];
  const p = {
    capture: { capturing },
    asr: { placedBeforeLastProbe: stale, get: async (id: string) => void gets.push(id) },
    settings: () => ({ asrModel: 'ggml-base' }),
    events: { emit: () => undefined },
  } as unknown as AppParts;
  return { p, gets };
}

describe('placeWhenIdle', () => {
  it('moves a model placed before the last probe only while nobody is speaking', () => {
    const speaking = parts(true, true);
    placeWhenIdle(speaking.p);
    expect(speaking.gets).toEqual([]); // not in the middle of an utterance
    const idle = parts(false, true);
    placeWhenIdle(idle.p);
    expect(idle.gets).toEqual(['ggml-base']);
  });

  it('leaves a model alone that is where the last probe put it', () => {
    const { p, gets } = parts(false, false);
    placeWhenIdle(p);
    expect(gets).toEqual([]);
  });
});
