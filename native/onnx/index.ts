/**
 * A small facade over onnxruntime-node: open a model file, run it with plain typed arrays.
 * Callers never see onnxruntime's classes, so swapping the runtime (or its version) stays here.
 */
import { readFile } from 'node:fs/promises';
import type ort from 'onnxruntime-node';

/** Loaded on first use: a platform without an onnxruntime binary (Intel Macs) still starts the app. */
let runtime: Promise<typeof ort> | null = null;
async function onnxRuntime(): Promise<typeof ort> {
  runtime ??= import('onnxruntime-node').then(
    // CommonJS through import(): the namespace's default is module.exports, or the namespace itself under some loaders.
    (m) => ((m as { default?: typeof ort }).default ?? (m as unknown as typeof ort)),
    (error: unknown) => {
      runtime = null;
      throw new OnnxError(`onnxruntime is not available on this computer (${(error as Error).message}): voice detection and on-device text translation are off; push-to-talk still works.`);
    },
  );
  return runtime;
}

export type OnnxData = Float32Array | BigInt64Array | Int32Array;

/** A tensor as plain data: the flat values and the shape. */
export interface OnnxTensor {
  data: OnnxData;
  dims: readonly number[];
}

export interface OnnxSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** Runs the model once. Outputs are copied out of onnxruntime, so they stay valid after the next run. */
  run(feeds: Record<string, OnnxTensor>): Promise<Record<string, OnnxTensor>>;
  release(): Promise<void>;
}

/** The model file is missing or onnxruntime could not load or run it. */
export class OnnxError extends Error {
  override readonly name = 'OnnxError';
}

export interface OnnxSessionOptions {
  /** Threads inside one operator. Small models (VAD) run fastest on 1: no thread hand-off per call. */
  intraOpThreads?: number;
}

function typeOf(data: OnnxData): 'float32' | 'int64' | 'int32' {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof BigInt64Array) return 'int64';
  return 'int32';
}

export async function createOnnxSession(modelPath: string, options: OnnxSessionOptions = {}): Promise<OnnxSession> {
  // Read the bytes ourselves: Electron's fs can read inside app.asar, onnxruntime's native file loader cannot.
  let bytes: Uint8Array;
  try {
    bytes = await readFile(modelPath);
  } catch (error) {
    throw new OnnxError(`Cannot read ONNX model ${modelPath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): reinstall the app or point the model path override at the file.`);
  }
  const ort = await onnxRuntime();
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      intraOpNumThreads: options.intraOpThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw new OnnxError(`Could not load ONNX model ${modelPath}: ${(error as Error).message}. The file may be damaged; reinstall it.`);
  }
  let released = false;
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      if (released) throw new OnnxError('ONNX session was already released.');
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = new ort.Tensor(typeOf(t.data), t.data, [...t.dims]);
      let results: ort.InferenceSession.OnnxValueMapType;
      try {
        results = await session.run(ortFeeds);
      } catch (error) {
        throw new OnnxError(`ONNX model ${modelPath} failed to run: ${(error as Error).message}`);
      }
      const out: Record<string, OnnxTensor> = {};
      for (const [name, value] of Object.entries(results)) {
        const data = value.data as OnnxData;
        out[name] = { data: data.slice() as OnnxData, dims: [...value.dims] };
      }
      return out;
    },
    async release() {
      if (released) return;
      released = true;
      await session.release();
    },
  };
}
