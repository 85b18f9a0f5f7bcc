import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { SAMPLE_RATE } from '../audio/types';
import { resample } from './resample';
import { wavBytesTo16kMono } from './wav-source';

const { WaveFile } = wavefile;

const sine = (rate: number, hz: number, seconds: number, amplitude: number): Float32Array =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));

/** The middle of a signal: the resampler's edges (zero-padded) are not what we measure. */
const middle = (x: ArrayLike<number>): number[] => Array.from(x).slice(Math.floor(x.length * 0.1), Math.floor(x.length * 0.9));

const rms = (x: number[]): number => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
const db = (ratio: number): number => 20 * Math.log10(ratio);

/** Frequency from the count of upward zero crossings over the span between the first and last one. */
function zeroCrossingHz(x: number[], rate: number): number {
  const ups: number[] = [];
  for (let i = 1; i < x.length; i++) if (x[i - 1]! < 0 && x[i]! >= 0) ups.push(i);
  return ((ups.length - 1) * rate) / (ups.at(-1)! - ups[0]!);
}

describe('resample', () => {
  for (const rate of [8000, 22050, 44100, 48000]) {
    it(`keeps a 440 Hz sine's frequency and level from ${rate} Hz (via a 16-bit WAV)`, () => {
      const wav = new WaveFile();
      wav.fromScratch(1, rate, '16', Array.from(sine(rate, 440, 1, 0.5), (v) => Math.round(v * 32767)));
      const out = wavBytesTo16kMono(wav.toBuffer());
      expect(out.length).toBe(16000);
      const mid = middle(Array.from(out, (v) => v / 32768));
      expect(zeroCrossingHz(mid, SAMPLE_RATE)).toBeCloseTo(440, 0);
      expect(Math.abs(db(rms(mid) / (0.5 / Math.SQRT2)))).toBeLessThan(1);
    });
  }

  it('keeps a 3 kHz tone (well inside the passband) at 44.1 kHz → 16 kHz', () => {
    const out = middle(resample(sine(44100, 3000, 0.5, 0.5), 44100, 16000));
    expect(zeroCrossingHz(out, 16000)).toBeCloseTo(3000, -1);
    expect(Math.abs(db(rms(out) / (0.5 / Math.SQRT2)))).toBeLessThan(1);
  });

  it('removes a 12 kHz tone from a 48 kHz file instead of aliasing it to 4 kHz', () => {
    const out = middle(resample(sine(48000, 12000, 0.5, 0.5), 48000, 16000));
    expect(db(rms(out) / (0.5 / Math.SQRT2))).toBeLessThan(-50);
  });

  it('removes a 10 kHz tone from a 22.05 kHz file', () => {
    const out = middle(resample(sine(22050, 10000, 0.5, 0.5), 22050, 16000));
    expect(db(rms(out) / (0.5 / Math.SQRT2))).toBeLessThan(-50);
  });

  it('returns a copy at the same rate and rejects nonsense rates', () => {
    const x = sine(16000, 100, 0.01, 0.1);
    const y = resample(x, 16000, 16000);
    expect(y).toEqual(x);
    expect(y).not.toBe(x);
    expect(() => resample(x, 0, 16000)).toThrow(RangeError);
  });
});
