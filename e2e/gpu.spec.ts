// Where Whisper runs, in Chromium over the scripted engine: the GPU picker in Settings → General, the line under it
// that says what is true now, the status bar naming the device, and a failed GPU check with its reason and Try again.
import type { Page } from '@playwright/test';
import type { GpuReport } from '../electron/contract';
import { test, expect } from '../test-support/hosts/sotto-test';
import { createScriptedEngine, type ScriptedEngine } from '../test-support/engines/scripted-engine';
import { expectAccessible } from './support/axe';
import { DEDICATED, INTEGRATED, SEGV, SOFTWARE, probeCrashed, probePassed } from './support/gpu';
import { shootAtWidths } from './support/screens';
import { engineOf, openMain, scriptedReady, leavePagesBeforeHostsClose } from './support/ui';

leavePagesBeforeHostsClose();

async function openGeneral(page: Page) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog.getByRole('tab', { name: 'General' })).toHaveAttribute('aria-selected', 'true');
  return dialog;
}

const deviceInStatusBar = (page: Page) => page.getByRole('contentinfo', { name: 'Status' }).locator('.asr-device-name');

/** Until the test lets it go, `asr.gpu.probe` waits, like a real probe that takes a minute compiling shaders. */
let releaseProbe: () => void = () => undefined;
const slowProbe = (gpu: GpuReport) => async () => {
  const engine = createScriptedEngine({}, { installed: ['ggml-base'], gpu });
  const invoke = engine.invoke.bind(engine);
  engine.invoke = (async (command, request) => {
    if (command === 'asr.gpu.probe') await new Promise<void>((resolve) => (releaseProbe = resolve));
    return invoke(command, request);
  }) as ScriptedEngine['invoke'];
  return engine;
};

test.describe('GPUs found and checked', () => {
  test.use({ appHostOptions: { engine: scriptedReady({ gpu: probePassed() }), settings: { firstRunDone: true } } });

  test('picking the dedicated GPU saves it at once and the status bar names it, also at 320 px', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    await expect(deviceInStatusBar(page)).toHaveText('CPU'); // Automatic: the scripted engine keeps it on the CPU
    const dialog = await openGeneral(page);
    const picker = dialog.getByLabel('Speech recognition runs on');
    await expect(picker.locator('option')).toHaveText([
      'Automatic',
      'CPU',
      'Intel(R) UHD Graphics 620 (KBL GT2) · integrated · 2 GB',
      'NVIDIA GeForce RTX 3060 Laptop GPU · dedicated · 6 GB',
      'llvmpipe (LLVM 15.0.7, 256 bits) · software, slow',
    ]);
    await expect(picker).toHaveValue('auto');
    await expect(dialog.getByTestId('asr-device-state')).toContainText('Whisper runs on the CPU.');
    await expect(dialog.getByTestId('asr-device-state')).toContainText(`Whisper ran on ${DEDICATED.description}.`);
    await expect(dialog.getByRole('button', { name: 'Check GPUs' })).toBeEnabled();

    await picker.selectOption(DEDICATED.id);
    await expect(dialog.getByText('Saved: Speech recognition runs on.')).toBeVisible();
    expect((await appHost.engine.invoke('settings.get', {})).asrDevice).toBe(DEDICATED.id);
    await expect(dialog.locator('#asr-device-now')).toHaveText(`Whisper runs on ${DEDICATED.description} (dedicated GPU).`);
    await expect(deviceInStatusBar(page)).toHaveText(DEDICATED.description);
    await expect(deviceInStatusBar(page)).toHaveAttribute('data-asr-device', 'gpu');
    await expectAccessible(page, 'settings: GPU chosen');

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(deviceInStatusBar(page)).toHaveAttribute('title', `Whisper runs on ${DEDICATED.description} (dedicated GPU).`);
    // At 320 px the name is cut short (full name in the title) and nothing scrolls sideways or leaves the bar.
    await page.setViewportSize({ width: 320, height: 640 });
    const fit = await page.evaluate(() => {
      const bar = document.querySelector('.status-bar')!.getBoundingClientRect();
      const item = document.querySelector('.status-item.model')!.getBoundingClientRect();
      return { overflowX: document.documentElement.scrollWidth - window.innerWidth, inside: item.left >= bar.left && item.right <= bar.right, barHeight: bar.height };
    });
    expect(fit.overflowX).toBeLessThanOrEqual(0);
    expect(fit.inside).toBe(true);
    expect(fit.barHeight, 'the status bar stays at most three short lines').toBeLessThan(80);
  });

  test('a GPU the report no longer lists stays chosen under its own name', async ({ page, appHost }) => {
    await appHost.engine.invoke('settings.update', { patch: { asrDevice: 'gpu:AMD Radeon RX 6600 (RADV NAVI23)' } });
    await openMain(page, appHost.pageUrl);
    const picker = (await openGeneral(page)).getByLabel('Speech recognition runs on');
    await expect(picker).toHaveValue('gpu:AMD Radeon RX 6600 (RADV NAVI23)');
    await expect(picker.locator('option:checked')).toHaveText('AMD Radeon RX 6600 (RADV NAVI23) · not found now');
    for (const gpu of [INTEGRATED, DEDICATED, SOFTWARE]) await expect(picker.locator(`option[value="${gpu.id}"]`)).toHaveCount(1);
  });
});

test.describe('a GPU check that crashed', () => {
  test.use({ appHostOptions: { engine: slowProbe(probeCrashed()), settings: { firstRunDone: true, asrDevice: DEDICATED.id } } });

  test('shows the fallback reason in Settings and the status bar, and Try again checks again', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const engine = engineOf(appHost);
    const inBar = deviceInStatusBar(page);
    await expect(inBar).toHaveAttribute('data-fallback', 'true');
    await expect(inBar).toContainText('⚠');
    await expect(inBar).toHaveAttribute('title', `Whisper runs on the CPU. ${SEGV}`);
    // The engine's notice about it is shown like every notice (what happened, what to do).
    const notice = `Sotto could not use the GPU: ${SEGV} Whisper runs on the CPU. Update the GPU driver and close overlays (Steam, OBS, Discord), then choose Try again in Settings → General; or choose CPU there.`;
    engine.emit({ type: 'notice', level: 'warning', code: 'asr_gpu_probe_failed', message: notice });
    await expect(page.locator('.notice[data-code="asr_gpu_probe_failed"]')).toContainText('Sotto could not use the GPU');

    const dialog = await openGeneral(page);
    await expect(dialog.getByLabel('Speech recognition runs on')).toHaveValue(DEDICATED.id);
    await expect(dialog.locator('#asr-device-now')).toHaveText('Whisper runs on the CPU.');
    await expect(dialog.locator('#asr-device-fallback')).toHaveText(`⚠ ${SEGV}`);
    await expect(dialog.getByLabel('Speech recognition runs on')).toHaveAttribute('aria-describedby', /asr-device-fallback/);
    await expect(dialog.getByRole('status').filter({ hasText: 'Last check' })).toHaveText(/^Last check \(.+\) failed\.$/);
    await expectAccessible(page, 'settings: GPU check failed');
    await shootAtWidths(page, 'settings-gpu-fallback', (width) => (width === 1280 ? 800 : 700), () => dialog.locator('.dialog-body').evaluate((el) => el.scrollTo(0, 0)));

    await dialog.getByRole('button', { name: 'Try again' }).click();
    const checking = dialog.getByRole('button', { name: 'Checking the GPU…' });
    await expect(checking).toBeDisabled();
    await expect(dialog.getByText('This can take a minute or two the first time.')).toBeVisible();
    releaseProbe();
    await expect(dialog.getByRole('button', { name: 'Try again' })).toBeEnabled();
    expect(engine.calls.filter((c) => c.command === 'asr.gpu.probe')).toHaveLength(1);

    // Choosing the CPU ends the fallback: no warning in Settings nor in the status bar.
    await dialog.getByLabel('Speech recognition runs on').selectOption('cpu');
    await expect(dialog.locator('#asr-device-fallback')).toHaveCount(0);
    await expect(inBar).not.toHaveAttribute('data-fallback', 'true');
    await expect(inBar).toHaveText('CPU');
  });
});

test.describe('a build without a GPU backend', () => {
  test.use({ appHostOptions: { engine: scriptedReady(), settings: { firstRunDone: true } } });

  test('says Whisper uses the CPU, and offers only Automatic and CPU', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const dialog = await openGeneral(page);
    await expect(dialog.getByLabel('Speech recognition runs on').locator('option')).toHaveText(['Automatic', 'CPU']);
    await expect(dialog.getByText('This build of Sotto has no GPU backend, so Whisper uses the CPU.')).toBeVisible();
    await expect(dialog.getByRole('button', { name: /Check GPUs|Try again/ })).toHaveCount(0);
    await expect(deviceInStatusBar(page)).toHaveText('CPU');
  });
});
