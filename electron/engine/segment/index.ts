/** Segmenters: audio frames → utterances (hands-free VAD, or the push-to-talk gate). */
export * from './types';
export { VadSegmenter, type SpeechDetector, type VadSegmenterOptions } from './vad-segmenter';
export { PushToTalkGate, type PushToTalkOptions } from './push-to-talk';
export { segmentPcm, segmenterFrameSink, UtteranceCollector, type CollectedUtterance } from './collect';
