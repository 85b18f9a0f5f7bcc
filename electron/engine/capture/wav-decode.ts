/**
 * RIFF/WAVE parsing with an error for every way a file can be wrong. We walk the chunks ourselves
 * (rather than through wavefile) so that a truncated data chunk, a compressed codec or an absurd header is
 * reported precisely instead of producing garbage samples.
 */
import { AudioFormatError } from './errors';

export interface DecodedWav {
  sampleRate: number;
  channels: number;
  /** Bits per stored sample and whether they are IEEE floats. */
  bitsPerSample: number;
  float: boolean;
  /** All channels averaged, in [-1, 1]. */
  mono: Float32Array;
}

/** Sample rates we accept. Below 8 kHz speech is unintelligible; above 192 kHz the header is almost surely wrong. */
export const MIN_SAMPLE_RATE = 8_000;
export const MAX_SAMPLE_RATE = 192_000;
const MAX_CHANNELS = 8;

const FORMAT_PCM = 0x0001;
const FORMAT_FLOAT = 0x0003;
const FORMAT_EXTENSIBLE = 0xfffe;

/** Compressed codecs seen in the wild, so the error can name what the file actually contains. */
const CODEC_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG audio',
  0x0055: 'MP3',
  0x0161: 'Windows Media Audio',
  0x1610: 'AAC',
};

interface Fmt {
  format: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
}

const ascii = (view: DataView, at: number): string =>
  String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));

function parseFmt(view: DataView, at: number, size: number, name: string): Fmt {
  if (size < 16) throw new AudioFormatError('bad-header', `${name}: the WAV "fmt " chunk is ${size} bytes, too short to describe the audio.`);
  let format = view.getUint16(at, true);
  const channels = view.getUint16(at + 2, true);
  const sampleRate = view.getUint32(at + 4, true);
  const blockAlign = view.getUint16(at + 12, true);
  const bitsPerSample = view.getUint16(at + 14, true);
  if (format === FORMAT_EXTENSIBLE) {
    if (size < 40) throw new AudioFormatError('bad-header', `${name}: WAVE_FORMAT_EXTENSIBLE header is ${size} bytes, expected 40.`);
    // The sub-format GUID starts with the ordinary format code.
    format = view.getUint16(at + 24, true);
  }
  return { format, channels, sampleRate, blockAlign, bitsPerSample };
}

function validate(fmt: Fmt, name: string): void {
  if (fmt.format !== FORMAT_PCM && fmt.format !== FORMAT_FLOAT) {
    const codec = CODEC_NAMES[fmt.format] ?? `codec 0x${fmt.format.toString(16).padStart(4, '0')}`;
    throw new AudioFormatError('unsupported-codec', `${name} is compressed with ${codec}; Sotto reads uncompressed PCM or float WAV only.`);
  }
  const intOk = fmt.format === FORMAT_PCM && [8, 16, 24, 32].includes(fmt.bitsPerSample);
  const floatOk = fmt.format === FORMAT_FLOAT && [32, 64].includes(fmt.bitsPerSample);
  if (!intOk && !floatOk) {
    throw new AudioFormatError(
      'unsupported-bit-depth',
      `${name} has ${fmt.bitsPerSample}-bit ${fmt.format === FORMAT_FLOAT ? 'float' : 'integer'} samples; Sotto reads 8/16/24/32-bit integer or 32/64-bit float.`,
    );
  }
  if (fmt.channels < 1 || fmt.channels > MAX_CHANNELS) {
    throw new AudioFormatError('unsupported-channels', `${name} declares ${fmt.channels} channels; Sotto reads 1 to ${MAX_CHANNELS}.`, 'Export the file as mono or stereo.');
  }
  if (fmt.sampleRate < MIN_SAMPLE_RATE || fmt.sampleRate > MAX_SAMPLE_RATE) {
    throw new AudioFormatError(
      'unsupported-sample-rate',
      `${name} declares a sample rate of ${fmt.sampleRate} Hz; Sotto reads ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz.`,
      'Resample the file, for example: sox input.wav -r 16000 output.wav (if the rate is absurd, the header is damaged).',
    );
  }
  if (fmt.blockAlign !== (fmt.channels * fmt.bitsPerSample) / 8) {
    throw new AudioFormatError(
      'bad-header',
      `${name}: block size ${fmt.blockAlign} does not match ${fmt.channels} channel(s) of ${fmt.bitsPerSample}-bit samples; the header is damaged.`,
    );
  }
}

/** Reads one sample as a float in [-1, 1]. */
function sampleReader(view: DataView, fmt: Fmt): (at: number) => number {
  if (fmt.format === FORMAT_FLOAT) {
    const clamp = (v: number): number => (Number.isFinite(v) ? Math.max(-1, Math.min(1, v)) : 0);
    return fmt.bitsPerSample === 32 ? (at) => clamp(view.getFloat32(at, true)) : (at) => clamp(view.getFloat64(at, true));
  }
  switch (fmt.bitsPerSample) {
    case 8: // 8-bit WAV is unsigned, centred on 128.
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => ((view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608);
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

/** Parses a whole WAV file. `name` is used in error messages (the path, usually). */
export function decodeWav(bytes: Uint8Array, name = 'The file'): DecodedWav {
  if (bytes.length === 0) throw new AudioFormatError('empty', `${name} is empty (0 bytes).`, 'Record again or choose another file.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || ascii(view, 0) !== 'RIFF' || ascii(view, 8) !== 'WAVE') {
    const rf64 = bytes.length >= 4 && ascii(view, 0) === 'RF64';
    throw new AudioFormatError(
      'not-wav',
      rf64 ? `${name} is an RF64 (over 4 GB) WAV, which Sotto does not read.` : `${name} is not a WAV file (no RIFF/WAVE header).`,
      'Convert it to WAV, for example: ffmpeg -i input -ac 1 -ar 16000 output.wav',
    );
  }

  let fmt: Fmt | undefined;
  let data: { at: number; size: number } | undefined;
  let at = 12;
  // Walk every chunk: a few writers put "fmt " after "data".
  while (at + 8 <= bytes.length && !(fmt && data)) {
    const id = ascii(view, at);
    let size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (body + size > bytes.length) throw new AudioFormatError('truncated', `${name} ends inside its "fmt " chunk.`, 'The file is incomplete: copy or export it again.');
      fmt = parseFmt(view, body, size, name);
    } else if (id === 'data') {
      // Streaming writers that never came back to fix the header leave 0xFFFFFFFF: the data runs to the end.
      if (size === 0xffffffff) size = bytes.length - body;
      data = { at: body, size };
    }
    at = body + size + (size % 2); // chunks are word-aligned
  }
  if (!fmt) throw new AudioFormatError('bad-header', `${name} has no "fmt " chunk, so its format is unknown.`);
  if (!data) throw new AudioFormatError('no-audio', `${name} has no "data" chunk: it contains no audio.`, 'Record again or choose another file.');
  validate(fmt, name);
  if (data.at + data.size > bytes.length) {
    const have = Math.max(0, bytes.length - data.at);
    throw new AudioFormatError(
      'truncated',
      `${name} is truncated: its header announces ${data.size} bytes of audio but only ${have} are present.`,
      'The file is incomplete (an interrupted download or recording): copy or export it again.',
    );
  }
  if (data.size % fmt.blockAlign !== 0) {
    throw new AudioFormatError('truncated', `${name} ends in the middle of a sample (${data.size} bytes of audio, blocks of ${fmt.blockAlign}).`, 'The file is incomplete: copy or export it again.');
  }
  const frames = data.size / fmt.blockAlign;
  if (frames === 0) throw new AudioFormatError('no-audio', `${name} contains no audio samples.`, 'Record again or choose another file.');

  const read = sampleReader(view, fmt);
  const bytesPerSample = fmt.bitsPerSample / 8;
  const mono = new Float32Array(frames);
  for (let f = 0, pos = data.at; f < frames; f++) {
    let sum = 0;
    for (let c = 0; c < fmt.channels; c++, pos += bytesPerSample) sum += read(pos);
    mono[f] = sum / fmt.channels;
  }
  return { sampleRate: fmt.sampleRate, channels: fmt.channels, bitsPerSample: fmt.bitsPerSample, float: fmt.format === FORMAT_FLOAT, mono };
}
