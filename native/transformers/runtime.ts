/**
 * transformers.js itself, loaded on first use and configured for offline use before every model load.
 *
 * Only `import type` of the package may appear in this folder: esbuild hoists a bundled module's static imports of
 * an external package to the top of the app's bundle, even when that module is itself reached through import().
 * A dynamic import of the package is the one form that stays lazy, so a platform without an onnxruntime binary
 * (Intel Macs; transformers.js requires onnxruntime-node as it loads) still starts.
 */
import path from 'node:path';
import type * as Transformers from '@huggingface/transformers';
import { messageOf, TransformersError } from './errors';

export type TransformersModule = typeof Transformers;

let loading: Promise<TransformersModule> | null = null;

export function loadTransformers(): Promise<TransformersModule> {
  loading ??= import('@huggingface/transformers').catch((error: unknown) => {
    // Forgotten, so a later call tries again (and reports again) instead of holding a stale failure.
    loading = null;
    throw new TransformersError('runtime_unavailable', `transformers.js cannot load on this computer (${messageOf(error)})`, { cause: error });
  });
  return loading;
}

/**
 * Models come only from local folders: downloads belong to the app's model manager (through its egress module).
 * env is global to transformers.js, so this is re-applied before every load in case something changed it.
 */
export function configureOffline(tf: TransformersModule, modelsDir: string): void {
  const { env } = tf;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
  env.useFSCache = false;
  env.useBrowserCache = false;
  // Its warnings are noise (MarianTokenizer: not a "fast" tokenizer, on every load), and its one error log dumps the
  // failing model's inputs, the user's words as token ids, just before it throws the error the caller gets anyway.
  env.logLevel = tf.LogLevel.NONE;
}
