// Runs once before the test workers: a fresh clone's `npm test` builds the whisper addon (cached outside the clone,
// so later runs only hash the sources) and writes the small random-weight model most tests share.
import { ensureNativeAddon, ensureTestWhisperModel } from './test-support/models/test-assets';

export default async function setup(): Promise<void> {
  await ensureNativeAddon();
  await ensureTestWhisperModel('test');
}
