import type { MicLevel } from '../../contract';
import { SAMPLE_RATE, type FrameSink } from '../audio/types';

/** Passes frames through and reports the microphone level (RMS and peak, 0..1) about ten times a second. */
export function withLevelMeter(sink: FrameSink, emit: (level: MicLevel) => void, intervalMs = 100): FrameSink {
  const every = Math.round((SAMPLE_RATE * intervalMs) / 1000);
  let sumSquares = 0;
  let peak = 0;
  let count = 0;
  return {
    onFrame(frame) {
      for (let i = 0; i < frame.length; i++) {
        const x = frame[i]! / 32768;
        sumSquares += x * x;
        peak = Math.max(peak, Math.abs(x));
      }
      count += frame.length;
      if (count >= every) {
        emit({ type: 'mic.level', rms: Math.min(1, Math.sqrt(sumSquares / count)), peak: Math.min(1, peak) });
        sumSquares = 0;
        peak = 0;
        count = 0;
      }
      sink.onFrame(frame);
    },
    onEnd: () => sink.onEnd(),
    onError: (error) => sink.onError(error),
  };
}
