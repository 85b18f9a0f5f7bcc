import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { AudioFormatError } from './errors';
import { decodeWav } from './wav-decode';

const { WaveFile } = wavefile;

/** A WAV written by wavefile (an independent writer), so the parser is not tested against itself. */
function makeWav(channels: number, rate: number, depth: string, samples: number[] | number[][]): Uint8Array {
  const wav = new WaveFile();
  wav.fromScratch(channels, rate, depth, samples);
  return wav.toBuffer();
}

/** Hand-built header: lets tests declare codecs and fields wavefile refuses to write. */
function rawWav(fields: { format: number; channels: number; rate: number; bits: number; blockAlign?: number; data: Uint8Array; dataSize?: number }): Uint8Array {
  const blockAlign = fields.blockAlign ?? (fields.channels * fields.bits) / 8;
  const out = new Uint8Array(44 + fields.data.length);
  const v = new DataView(out.buffer);
  const put = (at: number, s: string): void => s.split('').forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  put(0, 'RIFF');
  v.setUint32(4, 36 + fields.data.length, true);
  put(8, 'WAVE');
  put(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, fields.format, true);
  v.setUint16(22, fields.channels, true);
  v.setUint32(24, fields.rate, true);
  v.setUint32(28, fields.rate * blockAlign, true);
  v.setUint16(32, blockAlign, true);
  v.setUint16(34, fields.bits, true);
  put(36, 'data');
  v.setUint32(40, fields.dataSize ?? fields.data.length, true);
  out.set(fields.data, 44);
  return out;
}

function expectFormatError(bytes: Uint8Array, problem: string, mentions: RegExp): void {
  try {
    decodeWav(bytes, 'clip.wav');
  } catch (error) {
    expect(error).toBeInstanceOf(AudioFormatError);
    const e = error as AudioFormatError;
    expect(e.problem).toBe(problem);
    expect(e.code).toBe(`audio-format/${problem}`);
    expect(e.message).toMatch(mentions);
    expect(e.action.length).toBeGreaterThan(10);
    return;
  }
  throw new Error(`expected AudioFormatError(${problem})`);
}

const ramp = (n: number, scale: number): number[] => Array.from({ length: n }, (_, i) => Math.round(((i % 200) - 100) * scale));

describe('decodeWav: supported formats', () => {
  it('reads 16-bit mono exactly', () => {
    const samples = ramp(1000, 300);
    const out = decodeWav(makeWav(1, 16000, '16', samples));
    expect(out).toMatchObject({ sampleRate: 16000, channels: 1, bitsPerSample: 16, float: false });
    expect(Array.from(out.mono, (x) => Math.round(x * 32768))).toEqual(samples);
  });

  it('reads 8-bit unsigned PCM centred on 128', () => {
    const out = decodeWav(makeWav(1, 8000, '8', [0, 128, 255]));
    expect(Array.from(out.mono)).toEqual([-1, 0, 127 / 128]);
  });

  it('reads 24-bit and 32-bit integer with sign', () => {
    const s24 = decodeWav(makeWav(1, 22050, '24', [-8388608, -1, 0, 4194304, 8388607]));
    expect(Array.from(s24.mono, (x) => x * 8388608)).toEqual([-8388608, -1, 0, 4194304, 8388607]);
    const s32 = decodeWav(makeWav(1, 44100, '32', [-2147483648, 1073741824, 2147483647]));
    expect(s32.mono[0]).toBe(-1);
    expect(s32.mono[1]).toBe(0.5);
    expect(s32.mono[2]).toBeCloseTo(1, 6);
  });

  it('reads 32-bit and 64-bit float, clamping out-of-range and non-finite values', () => {
    const f32 = decodeWav(makeWav(1, 48000, '32f', [0.25, -0.5, 1.5, -3]));
    expect(f32.float).toBe(true);
    expect(Array.from(f32.mono)).toEqual([0.25, -0.5, 1, -1]);
    const f64 = decodeWav(makeWav(1, 48000, '64', [0.125, Number.NaN]));
    expect(Array.from(f64.mono)).toEqual([0.125, 0]);
  });

  it('downmixes stereo by averaging the channels', () => {
    const left = [1000, 2000, -3000];
    const right = [3000, 0, -1000];
    const out = decodeWav(makeWav(2, 16000, '16', [left, right]));
    expect(out.channels).toBe(2);
    expect(Array.from(out.mono, (x) => Math.round(x * 32768))).toEqual([2000, 1000, -2000]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE and averages all channels', () => {
    const bytes = makeWav(4, 16000, '16', [[400, 800], [0, 800], [400, 0], [800, 0]]);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    expect(view.getUint32(16, true)).toBe(40); // wavefile writes the 40-byte fmt for 4 channels...
    view.setUint16(20, 0xfffe, true); // ...mark it extensible, with PCM as the sub-format GUID's code
    view.setUint16(44, 0x0001, true);
    expect(Array.from(decodeWav(bytes).mono, (x) => Math.round(x * 32768))).toEqual([400, 400]);
  });

  it('skips unknown chunks (LIST, odd-sized with pad byte) before the audio', () => {
    const wav = makeWav(1, 16000, '16', [1, 2, 3]);
    // Insert a 3-byte "junk" chunk (+1 pad byte) after "fmt ".
    const junk = new Uint8Array([0x6a, 0x75, 0x6e, 0x6b, 3, 0, 0, 0, 9, 9, 9, 0]);
    const out = new Uint8Array(wav.length + junk.length);
    out.set(wav.subarray(0, 36));
    out.set(junk, 36);
    out.set(wav.subarray(36), 36 + junk.length);
    new DataView(out.buffer).setUint32(4, out.length - 8, true);
    expect(Array.from(decodeWav(out).mono, (x) => Math.round(x * 32768))).toEqual([1, 2, 3]);
  });
});

describe('decodeWav: chunk order', () => {
  it('reads a file whose "fmt " chunk comes after "data"', () => {
    const wav = makeWav(1, 16000, '16', [7, -7, 9, 11]); // fmt at 12..36, data at 36..52
    const out = new Uint8Array(wav.length);
    out.set(wav.subarray(0, 12));
    out.set(wav.subarray(36), 12);
    out.set(wav.subarray(12, 36), 12 + (wav.length - 36));
    expect(Array.from(decodeWav(out).mono, (x) => Math.round(x * 32768))).toEqual([7, -7, 9, 11]);
  });

  it('a file with audio but no "fmt " chunk is a bad header', () => {
    const wav = makeWav(1, 16000, '16', [1, 2]);
    const out = new Uint8Array([...wav.subarray(0, 12), ...wav.subarray(36)]);
    expectFormatError(out, 'bad-header', /no "fmt " chunk/);
  });
});

describe('decodeWav: bad input gets a typed error naming the problem', () => {
  it('empty file', () => expectFormatError(new Uint8Array(0), 'empty', /empty/));

  it('not a RIFF/WAVE file', () => {
    expectFormatError(new TextEncoder().encode('ID3\u0003 this is an mp3, honestly'), 'not-wav', /not a WAV/);
    expectFormatError(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000AVI LIST'), 'not-wav', /not a WAV/);
  });

  it('RF64 is named', () => {
    const bytes = makeWav(1, 16000, '16', [1, 2]);
    bytes.set([0x52, 0x46, 0x36, 0x34], 0);
    expectFormatError(bytes, 'not-wav', /RF64/);
  });

  it('truncated data chunk', () => {
    const whole = makeWav(1, 16000, '16', ramp(1000, 10));
    expectFormatError(whole.subarray(0, 44 + 700), 'truncated', /announces 2000 bytes.*only 700/);
  });

  it('data ending inside a sample', () => {
    expectFormatError(rawWav({ format: 1, channels: 2, rate: 16000, bits: 16, data: new Uint8Array(6) }), 'truncated', /middle of a sample/);
  });

  it('no data chunk, and a data chunk with no samples', () => {
    const whole = makeWav(1, 16000, '16', [1, 2, 3]);
    expectFormatError(whole.subarray(0, 36), 'no-audio', /no "data" chunk/);
    expectFormatError(rawWav({ format: 1, channels: 1, rate: 16000, bits: 16, data: new Uint8Array(0) }), 'no-audio', /no audio samples/);
  });

  it('A-law, ADPCM and MP3-in-WAV are named as unsupported codecs', () => {
    expectFormatError(makeWav(1, 8000, '8a', [0, 100, -100]), 'unsupported-codec', /A-law/);
    expectFormatError(makeWav(1, 8000, '4', ramp(505, 10)), 'unsupported-codec', /IMA ADPCM/);
    expectFormatError(rawWav({ format: 0x55, channels: 1, rate: 44100, bits: 0, blockAlign: 1, data: new Uint8Array(64) }), 'unsupported-codec', /MP3/);
    expectFormatError(rawWav({ format: 0x1234, channels: 1, rate: 16000, bits: 16, data: new Uint8Array(4) }), 'unsupported-codec', /codec 0x1234/);
  });

  it('absurd sample rates', () => {
    expectFormatError(rawWav({ format: 1, channels: 1, rate: 1, bits: 16, data: new Uint8Array(4) }), 'unsupported-sample-rate', /1 Hz/);
    expectFormatError(rawWav({ format: 1, channels: 1, rate: 10_000_000, bits: 16, data: new Uint8Array(4) }), 'unsupported-sample-rate', /10000000 Hz/);
  });

  it('odd bit depths, channel counts and damaged block sizes', () => {
    expectFormatError(rawWav({ format: 1, channels: 1, rate: 16000, bits: 12, blockAlign: 2, data: new Uint8Array(4) }), 'unsupported-bit-depth', /12-bit/);
    expectFormatError(rawWav({ format: 3, channels: 1, rate: 16000, bits: 16, data: new Uint8Array(4) }), 'unsupported-bit-depth', /16-bit float/);
    expectFormatError(rawWav({ format: 1, channels: 0, rate: 16000, bits: 16, blockAlign: 2, data: new Uint8Array(4) }), 'unsupported-channels', /0 channels/);
    expectFormatError(rawWav({ format: 1, channels: 1, rate: 16000, bits: 16, blockAlign: 3, data: new Uint8Array(6) }), 'bad-header', /block size 3/);
  });
});
