/** Audio capture: WAV files and the microphone, both as 16 kHz mono Int16 AudioSources. */
export { AudioFormatError, MicrophoneError, type AudioFormatProblem, type MicrophoneProblem } from './errors';
export { decodeWav, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE, type DecodedWav } from './wav-decode';
export { resample } from './resample';
export { floatToInt16, readWav16kMono, wavBytesTo16kMono, WavSource, type WavSourceOptions } from './wav-source';
export { DEFAULT_DEVICE, listMicDevices, MicSource, type CaptureNotice, type MicSourceOptions } from './mic-source';
