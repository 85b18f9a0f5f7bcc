/**
 * Band-limited resampling by windowed-sinc interpolation (Blackman window).
 * The sinc's cutoff sits below the lower of the two Nyquist frequencies, so downsampling removes what the
 * new rate cannot represent instead of folding it back as aliases (wavefile's own resampler builds a
 * fractional-length buffer for ratios like 44.1k→16k and cuts off exactly at Nyquist, so we do not use it).
 */

/** Passband edge as a fraction of the lower Nyquist frequency: 16 kHz output keeps up to ~7.4 kHz. */
const ROLLOFF = 0.92;
/** Zero crossings of the sinc on each side: more = sharper transition band, more work per sample. */
const ZERO_CROSSINGS = 24;
/** Kernel table resolution, points per input sample (the kernel is linearly interpolated between them). */
const TABLE_STEPS = 256;

function buildKernel(cutoff: number, halfWidth: number): Float32Array {
  const size = Math.ceil(halfWidth * TABLE_STEPS) + 2;
  const table = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    const t = i / TABLE_STEPS;
    if (t > halfWidth) break;
    const x = 2 * cutoff * t;
    const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    // Blackman window over [-halfWidth, halfWidth], evaluated at t ≥ 0.
    const w = 0.42 + 0.5 * Math.cos((Math.PI * t) / halfWidth) + 0.08 * Math.cos((2 * Math.PI * t) / halfWidth);
    table[i] = 2 * cutoff * sinc * w;
  }
  return table;
}

export interface Resampler {
  /** Output samples in total. */
  readonly length: number;
  /** Output samples [start, end): lets a long file be converted a frame at a time without blocking the event loop. */
  render(start: number, end: number): Float32Array;
}

/** Prepares resampling of mono float audio from `fromRate` to `toRate` Hz. */
export function createResampler(input: Float32Array, fromRate: number, toRate: number): Resampler {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`Sample rates must be positive (got ${fromRate} → ${toRate}).`);
  const length = Math.floor((input.length * toRate) / fromRate);
  if (fromRate === toRate) return { length, render: (start, end) => input.slice(start, Math.min(end, length)) };
  const step = fromRate / toRate; // input samples per output sample
  const cutoff = (0.5 * ROLLOFF * Math.min(fromRate, toRate)) / fromRate; // cycles per input sample
  const halfWidth = ZERO_CROSSINGS / (2 * cutoff); // in input samples
  const kernel = buildKernel(cutoff, halfWidth);
  return {
    length,
    render(start, end) {
      const stop = Math.min(end, length);
      const out = new Float32Array(Math.max(0, stop - start));
      for (let n = start; n < stop; n++) {
        const center = n * step;
        const first = Math.max(0, Math.ceil(center - halfWidth));
        const last = Math.min(input.length - 1, Math.floor(center + halfWidth));
        let acc = 0;
        for (let k = first; k <= last; k++) {
          const pos = Math.abs(center - k) * TABLE_STEPS;
          const i = pos | 0;
          const frac = pos - i;
          acc += input[k]! * (kernel[i]! + frac * (kernel[i + 1]! - kernel[i]!));
        }
        out[n - start] = acc;
      }
      return out;
    },
  };
}

/** Resamples mono float audio from `fromRate` to `toRate` Hz in one go. Same rate returns a copy. */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  const resampler = createResampler(input, fromRate, toRate);
  return resampler.render(0, resampler.length);
}
