import { availableParallelism } from 'node:os';

/**
 * Whisper threads for a setting (0 = automatic). ggml's threads spin while they wait for each other, so more
 * threads than cores makes every pass slower, not faster: automatic means up to 4, never more than the cores.
 */
export function resolveAsrThreads(setting: number, cores: number = availableParallelism()): number {
  if (setting > 0) return Math.min(setting, Math.max(1, cores));
  return Math.max(1, Math.min(4, cores));
}
