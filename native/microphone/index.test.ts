import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualMic, virtualMicUnavailableReason, type VirtualMic } from '../../test-support/audio/virtual-mic';
import { listMicrophones, MicrophoneNativeError, openMicrophone } from './index';

const unavailable = virtualMicUnavailableReason();
if (unavailable) console.warn(`Skipping native microphone tests: ${unavailable}`);

describe.skipIf(unavailable !== null)('native microphone facade (PulseAudio virtual mic)', () => {
  let mic: VirtualMic;
  beforeAll(async () => {
    mic = await startVirtualMic();
    mic.applyEnv();
  });
  afterAll(async () => {
    await mic?.stop();
  });

  it('lists devices by name', () => {
    expect(listMicrophones()).toContain('Monitor of Null Output');
  });

  it('streams 512-sample Int16 frames from a worker and stops idempotently', async () => {
    const frames: Int16Array[] = [];
    let gotFrames!: () => void;
    const enough = new Promise<void>((r) => (gotFrames = r));
    const stream = await openMicrophone(
      { deviceIndex: 0 },
      { onFrame: (pcm) => frames.push(pcm) >= 5 && gotFrames(), onError: (e) => { throw e; } },
    );
    expect(stream.deviceName).toBe('Monitor of Null Output');
    expect(stream.sampleRate).toBe(16000);
    await enough;
    await stream.stop();
    await stream.stop();
    expect(frames.every((f) => f instanceof Int16Array && f.length === 512)).toBe(true);
  });

  it('an index past the end rejects with an invalid-argument open error', async () => {
    const error = await openMicrophone({ deviceIndex: 99 }, { onFrame: () => undefined, onError: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicrophoneNativeError);
    expect(error).toMatchObject({ failure: 'invalid-argument', phase: 'open' });
  });
});
