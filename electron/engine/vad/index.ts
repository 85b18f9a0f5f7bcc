export { resolveSileroModelPath, SILERO_MODEL_ENV, SileroVad, VAD_FRAME_SAMPLES, type SileroVadOptions } from './silero';
