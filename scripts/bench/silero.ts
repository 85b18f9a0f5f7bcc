/**
 * The engine's Silero VAD for the benchmark, also under tsx.
 *
 * native/onnx loads onnxruntime with `import('onnxruntime-node')` and reads `.default`. Plain Node gives a CommonJS
 * module's exports as `default`; tsx does not when the module sets `__esModule` (onnxruntime-node does; tsx issue
 * #627), so SileroVad.create() fails under `tsx`. Until native/onnx falls back to the namespace, the same SileroVad
 * class is given a session opened through a CommonJS require. The JSON notes say which path was taken.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type ort from 'onnxruntime-node';
import { resolveSileroModelPath, SileroVad } from '../../electron/engine/vad/silero';
import type { OnnxData, OnnxSession, OnnxTensor } from '../../native/onnx';

function typeOf(data: OnnxData): 'float32' | 'int64' | 'int32' {
  if (data instanceof Float32Array) return 'float32';
  return data instanceof BigInt64Array ? 'int64' : 'int32';
}

/** The same session settings as native/onnx (one thread, sequential), opened with require(). */
async function requiredOnnxSession(modelPath: string): Promise<OnnxSession> {
  const runtime = createRequire(import.meta.url)('onnxruntime-node') as typeof ort;
  const session = await runtime.InferenceSession.create(await readFile(modelPath), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  return {
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds) {
      const inputs: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) inputs[name] = new runtime.Tensor(typeOf(t.data), t.data, [...t.dims]);
      const results = await session.run(inputs);
      const out: Record<string, OnnxTensor> = {};
      for (const [name, value] of Object.entries(results)) out[name] = { data: (value.data as OnnxData).slice() as OnnxData, dims: [...value.dims] };
      return out;
    },
    release: () => session.release(),
  };
}

/** SileroVad.create(), or the same class over a require()d session when native/onnx cannot load onnxruntime here. */
export async function createBenchVad(): Promise<{ vad: SileroVad; via: 'engine' | 'require-workaround'; why: string | null }> {
  try {
    return { vad: await SileroVad.create(), via: 'engine', why: null };
  } catch (error) {
    const session = await requiredOnnxSession(resolveSileroModelPath());
    // SileroVad's constructor is private to keep callers on create(); the class and its logic are the engine's own.
    const vad = Reflect.construct(SileroVad as unknown as new (s: OnnxSession) => SileroVad, [session]);
    return { vad, via: 'require-workaround', why: (error as Error).message };
  }
}
