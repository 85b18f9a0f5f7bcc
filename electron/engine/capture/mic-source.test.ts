import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthTone } from '../../../test-support/audio/speech';
import { startVirtualMic, virtualMicUnavailableReason, type VirtualMic } from '../../../test-support/audio/virtual-mic';
import type { FrameSink } from '../audio/types';
import { MicrophoneError } from './errors';
import { listMicDevices, MicSource, type CaptureNotice } from './mic-source';
import { readWav16kMono } from './wav-source';

const unavailable = virtualMicUnavailableReason();
if (unavailable) console.warn(`Skipping microphone tests: ${unavailable}`);

const rms = (x: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! / 32768) ** 2;
  return Math.sqrt(s / x.length);
};
const db = (ratio: number): number => 20 * Math.log10(ratio);

/** Collects frames with their arrival times; `firstFrame` resolves when audio is flowing. */
function frameLog() {
  const frames: Array<{ at: number; pcm: Int16Array }> = [];
  const events: string[] = [];
  let onFirst!: () => void;
  let onDone!: () => void;
  const firstFrame = new Promise<void>((r) => (onFirst = r));
  const done = new Promise<void>((r) => (onDone = r));
  const errors: Error[] = [];
  const sink: FrameSink = {
    onFrame: (pcm) => {
      frames.push({ at: performance.now(), pcm });
      if (frames.length === 1) onFirst();
    },
    onEnd: () => (events.push('end'), onDone()),
    onError: (e) => (events.push('error'), errors.push(e), onDone()),
  };
  return { sink, frames, events, errors, firstFrame, done };
}

describe.skipIf(unavailable !== null)('MicSource on the PulseAudio virtual microphone', () => {
  let mic: VirtualMic;
  beforeAll(async () => {
    mic = await startVirtualMic();
    mic.applyEnv(); // pvrecorder runs in this process: libpulse reads PULSE_SERVER when the stream opens
  });
  afterAll(async () => {
    await mic?.stop();
  });

  it('lists the virtual devices', () => {
    const devices = listMicDevices();
    expect(devices.length).toBeGreaterThanOrEqual(1);
    expect(devices.map((d) => d.index)).toEqual(devices.map((_, i) => i));
    expect(devices.some((d) => /Null Output/.test(d.name))).toBe(true);
  });

  it('captures a played 440 Hz tone in real time at the file level (±2 dB)', async () => {
    const tonePath = await synthTone(440, 2, { amplitude: 0.5 });
    const fileRms = rms(await readWav16kMono(tonePath));
    const source = new MicSource({ deviceIndex: 0 });
    const log = frameLog();
    await source.start(log.sink);
    expect(source.label).toMatch(/Null Output/);
    await log.firstFrame; // the audio server may take ~1 s to start the stream
    const playStart = performance.now();
    const before = log.frames.length;
    await mic.play(tonePath);
    const playEnd = performance.now();
    await new Promise((r) => setTimeout(r, 300)); // let the tail drain out of the buffers
    await source.stop();
    await source.stop(); // idempotent
    expect(log.events).toEqual(['end']);

    // Flow: frames kept coming at about one per 32 ms while the tone played (generous bounds, not a benchmark).
    const during = log.frames.filter((f) => f.at >= playStart && f.at <= playEnd).length;
    const expected = (playEnd - playStart) / 32;
    expect(during).toBeGreaterThan(expected * 0.5);
    expect(during).toBeLessThan(expected * 1.5 + 50);
    expect(log.frames.every((f) => f.pcm.length === 512)).toBe(true);

    // Level: the steady part of the tone (frames well above silence, minus the edges) matches the file.
    const loud = log.frames.slice(before).filter((f) => rms(f.pcm) > fileRms / 4);
    expect(loud.length).toBeGreaterThan(30);
    const steady = loud.slice(5, -5).flatMap((f) => Array.from(f.pcm));
    expect(Math.abs(db(rms(steady) / fileRms))).toBeLessThan(2);
  });

  it('releases the device on stop: it can be opened again at once', async () => {
    for (let round = 0; round < 2; round++) {
      const source = new MicSource({ deviceIndex: 0 });
      const log = frameLog();
      await source.start(log.sink);
      await log.firstFrame;
      await source.stop();
      const count = log.frames.length;
      await new Promise((r) => setTimeout(r, 100));
      expect(log.frames.length).toBe(count); // nothing after stop
    }
  });

  it('opens the system default (-1), or falls back to the first device with a notice', async () => {
    const notices: CaptureNotice[] = [];
    const source = new MicSource({ deviceIndex: -1, onNotice: (n) => notices.push(n) });
    const log = frameLog();
    await source.start(log.sink);
    await log.firstFrame;
    await source.stop();
    expect(notices.every((n) => n.code === 'mic-default-fallback')).toBe(true);
  });

  it('a device index that does not exist is a clear MicrophoneError', async () => {
    const source = new MicSource({ deviceIndex: 99 });
    const log = frameLog();
    const error = await source.start(log.sink).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MicrophoneError);
    expect(error).toMatchObject({ code: 'microphone/bad-index' });
    expect((error as Error).message).toMatch(/#99 does not exist; there are \d+: #0 /);
    expect(() => new MicSource({ deviceIndex: -7 })).toThrow(MicrophoneError);
  });
});

describe.skipIf(unavailable !== null)('MicSource when the audio server goes away', () => {
  it('reports a read error through onError instead of crashing or hanging', async () => {
    const mic = await startVirtualMic();
    mic.applyEnv();
    try {
      const source = new MicSource({ deviceIndex: 0, maxConsecutiveReadErrors: 2 });
      const log = frameLog();
      await source.start(log.sink);
      await log.firstFrame;
      process.kill(mic.pid, 'SIGKILL'); // the "device" vanishes mid-capture
      await log.done;
      expect(log.events).toEqual(['error']);
      expect(log.errors[0]).toBeInstanceOf(MicrophoneError);
      expect(log.errors[0]).toMatchObject({ code: 'microphone/read-failed' });
      await source.stop(); // still safe after the failure
    } finally {
      await mic.stop();
    }
  });
});
