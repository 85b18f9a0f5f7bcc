/**
 * The GPU probe, run in a child process (never in the app's main process): the same steps the app will take on the GPU
 * (load the Vulkan backend, list devices, load the model on the chosen GPU, transcribe one second), so that a driver or
 * overlay layer that crashes, hangs or runs out of memory takes down this child only. It prints one NDJSON line as each
 * step begins and the result last (probe-protocol.ts); the parent (probe.ts) reports the step a dead child was in.
 *
 *   node probe-child.mjs '<ProbeRequest JSON>'
 */
import { audioCtxForSamples, computeDevices, enableGpuBackends, loadWhisperModel, WHISPER_SAMPLE_RATE } from '../../../native/whisper/index';
import { chooseGpu } from './choose-gpu';
import { ProbeRequest, type ProbeLine, type ProbeResult, type ProbeStep } from './probe-protocol';

const say = (line: ProbeLine) => process.stdout.write(`${JSON.stringify(line)}\n`);
const step = (s: ProbeStep) => say({ step: s });

/** A second of faint noise: enough for the encoder and a few decoder steps. */
function probeAudio(): Float32Array {
  const pcm = new Float32Array(WHISPER_SAMPLE_RATE);
  for (let i = 0; i < pcm.length; i++) pcm[i] = (((i * 7919) % 2000) / 1000 - 1) * 0.01;
  return pcm;
}

async function probe(request: ProbeRequest): Promise<ProbeResult> {
  step('backends');
  const backends = enableGpuBackends();
  step('devices');
  const devices = computeDevices();
  const fail = (reason: Extract<ProbeResult, { ok: false }>['reason'], message: string): ProbeResult => ({ ok: false, reason, message, devices, backends: backends.loaded });
  if (backends.loaded.length === 0) return fail('no_backend', `the GPU backend did not load: ${backends.failed.join('; ') || 'no module'}`);
  const gpu = chooseGpu(request.setting, devices);
  if (!gpu) return fail('no_gpu', request.setting === 'auto' ? 'no GPU that Sotto would use was found' : `${request.setting.slice(4)} was not found`);
  step('load');
  let model;
  try {
    model = await loadWhisperModel(request.model, { gpu: gpu.gpuIndex, flashAttn: request.flashAttn });
  } catch (e) {
    const code = (e as { code?: string }).code;
    return fail(code === 'gpu_failed' || code === 'gpu_missing' ? 'gpu_failed' : 'failed', (e as Error).message);
  }
  try {
    step('transcribe');
    const pcm = probeAudio();
    await model.transcribe(pcm, { language: 'en', threads: 1, maxTokens: 4, audioCtx: audioCtxForSamples(pcm.length) });
  } catch (e) {
    return fail('gpu_failed', `transcribing on ${gpu.description} failed: ${(e as Error).message}`);
  } finally {
    await model.dispose();
  }
  return { ok: true, device: gpu, devices, backends: backends.loaded };
}

async function main(): Promise<void> {
  step('start');
  const request = ProbeRequest.parse(JSON.parse(process.argv[2] ?? 'null'));
  say({ result: await probe(request) });
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`gpu probe: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
