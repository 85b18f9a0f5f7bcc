/**
 * bench:asr's GPU runs, in their own process: the GPU needs the release build's addon (with its Vulkan module), and the
 * rest of the benchmark runs the dev build in its process. Prints one JSON line: the runs, or why there are none.
 *
 *   SOTTO_NATIVE_DIR=<release out> tsx scripts/bench/gpu-rtf-child.ts '{"model","pcmFile","device","flashAttn","runs","options"}'
 */
import { readFile } from 'node:fs/promises';
import { computeDevices, enableGpuBackends, loadWhisperModel, type TranscribeOptions } from '../../native/whisper/index';

interface Request {
  model: string;
  pcmFile: string;
  device: string;
  flashAttn: boolean;
  runs: number;
  options: TranscribeOptions;
}

async function main(): Promise<void> {
  const req = JSON.parse(process.argv[2] ?? '{}') as Request;
  const bytes = await readFile(req.pcmFile);
  const pcm = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  enableGpuBackends();
  const gpu = computeDevices().find((d) => d.description === req.device && d.gpuIndex >= 0);
  if (!gpu) throw new Error(`${req.device} is not listed in this process`);
  const model = await loadWhisperModel(req.model, { gpu: gpu.gpuIndex, flashAttn: req.flashAttn });
  try {
    await model.transcribe(pcm, req.options); // warm-up (shader compilation happens here)
    const runs_ms: number[] = [];
    const tokens: number[] = [];
    for (let i = 0; i < req.runs; i++) {
      const started = performance.now();
      const r = await model.transcribe(pcm, req.options);
      runs_ms.push(performance.now() - started);
      tokens.push(r.segments.reduce((n, s) => n + s.tokens, 0));
    }
    console.log(JSON.stringify({ device: model.device, runs_ms, tokens }));
  } finally {
    await model.dispose();
  }
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? String(e));
  process.exit(1);
});
