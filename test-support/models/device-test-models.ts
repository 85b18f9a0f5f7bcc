/**
 * Test support: generated MarianMT test models (test-support/models/translator) copied into a fresh models folder,
 * so each test can add, break or delete folders without touching the shared cache in <repo>/.cache/test-translators.
 */
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureTestTranslator } from './translator/make-test-translator';

export const TEST_TRANSLATORS_CACHE = path.resolve(import.meta.dirname, '../../.cache/test-translators');

/** Copies the generated model for a pair into modelsDir (generating it into the cache the first time). */
export async function installTestTranslator(modelsDir: string, pair: string): Promise<string> {
  const cached = await ensureTestTranslator(TEST_TRANSLATORS_CACHE, pair);
  const folder = path.join(modelsDir, path.basename(cached));
  await cp(cached, folder, { recursive: true });
  return folder;
}

/** A new temporary models folder holding the given pairs. */
export async function makeModelsDir(pairs: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sotto-device-models-'));
  for (const pair of pairs) await installTestTranslator(dir, pair);
  return dir;
}
