/**
 * Release workflow check of a built whisper addon folder, on the machine that built it (macOS, Windows): the layout
 * loads from its own folder, transcribes a generated model, and on x86 ships one CPU backend per CPU generation. With
 * --gpu (the Windows job, built with Vulkan) the folder must hold the Vulkan module, and the GPU probe child must end
 * with a result, not a crash: the runner has no GPU, so "no GPU" or "module did not load" is the expected answer,
 * and a GPU that is found must pass.
 *
 *   npx tsx scripts/build/native-smoke.ts <folder with sotto_whisper.node> [--gpu]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const MIN_X86_CPU_VARIANTS = 6; // ggml's x86 list is ~14 on Linux; clang-cl builds keep them all, MSVC drops several

async function main(dir: string): Promise<void> {
  process.env.SOTTO_NATIVE_DIR = path.resolve(dir);
  const { loadWhisperModel, whisperSystemInfo } = await import('../../native/whisper/index');
  const { writeTestModel } = await import('../../test-support/models/make-test-model');
  const files = fs.readdirSync(dir);
  const variants = files.filter((f) => /ggml-cpu/.test(f));
  console.log(`files: ${files.join(', ')}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { flags: { release: boolean; cpuAllVariants: boolean } };
  const allVariants = manifest.flags.release && manifest.flags.cpuAllVariants && files.some((f) => /ggml-base/.test(f));
  if (process.arch === 'x64' && allVariants && variants.length < MIN_X86_CPU_VARIANTS) {
    throw new Error(`only ${variants.length} CPU backend variants (${variants.join(', ')}); expected at least ${MIN_X86_CPU_VARIANTS}`);
  }
  const model = path.join(os.tmpdir(), `sotto-smoke-${process.pid}.bin`);
  await writeTestModel('test', model);
  const m = await loadWhisperModel(model);
  const r = await m.transcribe(new Float32Array(16_000), { language: 'en', threads: 2, maxTokens: 4, audioCtx: 128 });
  await m.dispose();
  const gpu = process.argv.includes('--gpu') ? await smokeGpu(dir, model) : null;
  fs.rmSync(model, { force: true });
  console.log(JSON.stringify({ ...whisperSystemInfo(), segments: r.segments.length, cpuVariants: variants.length, gpu }));
}

async function smokeGpu(dir: string, model: string) {
  const { shippedGpuModules } = await import('../../native/whisper/index');
  const { nodeProbeLauncher, runProbe } = await import('../../electron/engine/asr-device/probe');
  const modules = shippedGpuModules();
  if (!modules.some((f) => /ggml-vulkan/.test(f))) throw new Error(`no Vulkan module in ${path.join(dir, 'gpu')} (found: ${modules.join(', ') || 'nothing'})`);
  const outcome = await runProbe(nodeProbeLauncher(), { model, setting: 'auto', flashAttn: true }, { timeoutMs: 300_000, env: { SOTTO_NATIVE_DIR: path.resolve(dir) } });
  if (!outcome.ok && outcome.reason !== 'no_gpu' && outcome.reason !== 'no_backend') throw new Error(`the GPU probe failed: ${outcome.message}`);
  return { modules, probe: outcome.ok ? `ran on ${outcome.device.description}` : `${outcome.reason}: ${outcome.message}` };
}

main(process.argv[2] ?? 'native/build/Release').catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
