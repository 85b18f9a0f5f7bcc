// The probe runner against real child processes (scripts standing in for the probe child): how a child that dies, hangs
// or prints other things is reported. The real child on a real (software) Vulkan driver is in vulkan.test.ts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeProbeLauncher, runProbe } from './probe';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sotto-probe-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const request = { model: '/models/ggml-base.bin', setting: 'auto' as const, flashAttn: true };

async function child(name: string, body: string) {
  const file = join(dir, `${name}.mjs`);
  await writeFile(file, `const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');\n${body}\n`);
  return nodeProbeLauncher(file);
}

describe('runProbe', () => {
  it("reports the child's result, whatever else it printed on stdout, and passes the request as its argument", async () => {
    const launch = await child('ok', `say({ step: 'start' }); console.log('a library talking'); const req = JSON.parse(process.argv[2]);
say({ result: { ok: false, reason: 'no_gpu', message: 'seen ' + req.model, devices: [], backends: [] } });`);
    expect(await runProbe(launch, request, { timeoutMs: 30_000 })).toEqual({ ok: false, reason: 'no_gpu', message: 'seen /models/ggml-base.bin', devices: [], backends: [] });
  });

  it('a child killed by a signal is reported with the step it was in and the end of its stderr', async () => {
    const launch = await child('segv', `say({ step: 'start' }); say({ step: 'backends' }); console.error('vkCreateInstance: layer VK_LAYER_overlay'); process.kill(process.pid, 'SIGSEGV');`);
    const outcome = await runProbe(launch, request, { timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ ok: false, reason: 'crashed', step: 'backends' });
    expect(outcome.ok === false && outcome.message).toMatch(/^the GPU probe was killed by SIGSEGV while loading the GPU backend .*VK_LAYER_overlay/);
  });

  it('a child that exits without a result is a crash in its last step', async () => {
    const launch = await child('exit', `say({ step: 'start' }); say({ step: 'backends' }); say({ step: 'devices' }); say({ step: 'load' }); process.exit(134);`);
    expect(await runProbe(launch, request, { timeoutMs: 30_000 })).toMatchObject({ ok: false, reason: 'crashed', step: 'load', message: expect.stringMatching(/exited with code 134 while loading the speech model on the GPU/) });
  });

  it('a child that hangs is killed at the deadline and reported as a timeout in its step', async () => {
    const launch = await child('hang', `say({ step: 'start' }); say({ step: 'backends' }); say({ step: 'devices' }); say({ step: 'load' }); say({ step: 'transcribe' }); setInterval(() => {}, 1000);`);
    const outcome = await runProbe(launch, request, { timeoutMs: 1500 });
    expect(outcome).toMatchObject({ ok: false, reason: 'timeout', step: 'transcribe', message: 'the GPU probe did not finish within 2 s while transcribing on the GPU' });
  });

  it('a child that cannot start at all is reported, not thrown', async () => {
    const outcome = await runProbe(nodeProbeLauncher(join(dir, 'missing.mjs')), request, { timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ ok: false, reason: 'crashed', step: 'start' });
  });
});
