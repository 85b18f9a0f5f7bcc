// The renderer in Chromium over the real WebSocket adapter and dev host. The engine here is the
// test-only scripted engine (deterministic captions and ledger, no microphone): the scenarios with the
// real engine (virtual mic, Whisper, cloud server) reuse the same fixtures with the default engine.
import type { Page } from '@playwright/test';
import { test, expect } from '../test-support/hosts/sotto-test';
import { RENDERER_DIST } from '../test-support/hosts/app-host';
import { startWsHost } from '../electron/engine/host/ws-host';
import { createScriptedEngine, type ScriptedEngine } from '../test-support/engines/scripted-engine';
import { formatPercent } from '../renderer/format';

const scripted = async () => createScriptedEngine();
const engineOf = (app: { engine: unknown }) => app.engine as ScriptedEngine;

async function openMain(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
}

test.describe('first run', () => {
  test.use({ appHostOptions: { engine: scripted } });

  test('languages → models (download with consent, import) → ready → main screen', async ({ page, appHost }, testInfo) => {
    await page.goto(appHost.pageUrl);
    await expect(page.getByRole('heading', { name: 'Which languages?' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('first-run-languages.png') });
    await page.getByLabel('Translate to').selectOption('de');
    await page.getByRole('button', { name: 'Next: models' }).click();

    await expect(page.getByRole('heading', { name: 'Get the models' })).toBeVisible();
    const base = page.locator('[data-model-id="ggml-base"]');
    await expect(base).toContainText('148 MB');
    await expect(page.locator('[data-model-id="opus-mt-en-de"]')).toBeVisible();
    // All-local is on by default: a download needs the user's explicit yes.
    await expect(base.getByRole('button', { name: 'Download' })).toBeDisabled();
    await page.getByLabel(/Allow downloading model files/).check();
    await base.getByRole('button', { name: 'Download' }).click();
    await expect(base.getByText('Installed')).toBeVisible();
    expect(engineOf(appHost).calls).toContainEqual({ command: 'models.download', request: { id: 'ggml-base', allowInAllLocal: true } });

    // Import with a bad path: the engine's message and action are shown.
    const tiny = page.locator('[data-model-id="ggml-tiny"]');
    await tiny.getByRole('button', { name: 'I have the file' }).click();
    await tiny.getByLabel(/Path of the Whisper tiny file/).fill('Downloads/ggml-tiny.bin');
    await tiny.getByRole('button', { name: 'Import' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'not an absolute path' });
    await expect(alert).toContainText('Enter the full path');
    await page.screenshot({ path: testInfo.outputPath('first-run-models.png') });
    await alert.getByRole('button', { name: /Dismiss/ }).click();
    await expect(alert).toHaveCount(0);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByText('no API key is needed')).toBeVisible();
    await page.getByRole('button', { name: 'Start captioning' }).click();
    await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
    const settings = await appHost.engine.invoke('settings.get', {});
    expect(settings).toMatchObject({ firstRunDone: true, targetLanguage: 'de' });
  });
});

test.describe('main screen', () => {
  test.use({ appHostOptions: { engine: scripted, settings: { firstRunDone: true, targetLanguage: 'de' } } });

  test('renders, and push-to-talk by keyboard yields a final line with its lane and latency', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    await expect(page.getByText('Nothing leaves this device')).toBeVisible();
    await expect(page.getByText('No captions yet')).toBeVisible();
    await expect(page.locator('[data-endpoint="blocked"]')).toContainText('Cloud blocked');

    const ptt = page.getByRole('button', { name: /hold to talk/i });
    await ptt.focus();
    await page.keyboard.down('Space');
    await expect(ptt).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.up('Space');
    await expect(ptt).toHaveAttribute('aria-pressed', 'false');
    const line = page.locator('.caption.final').first();
    await expect(line).toContainText('Good morning, everyone.');
    await expect(line).toContainText('[de] Good morning, everyone.');
    const badge = line.locator('.lane-badge');
    await expect(badge).toHaveText('Device');
    await expect(badge).toHaveAttribute('title', /Translated on this device: all-local mode/);
    await expect(line.locator('.latency')).toHaveText('310 ms');
    // One hold = exactly one press and one release, even with key auto-repeat.
    expect(engineOf(appHost).calls.filter((c) => c.command.startsWith('ptt.')).map((c) => c.command)).toEqual(['ptt.press', 'ptt.release']);
  });

  test('pointer hold presses and releases', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const ptt = page.getByRole('button', { name: /hold to talk/i });
    const box = (await ptt.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect(ptt).toHaveAttribute('aria-pressed', 'true');
    await expect(ptt).toContainText('release to finish');
    await page.mouse.up();
    await expect(page.locator('.caption.final')).toHaveCount(1);
  });

  test('a partial is provisional and is replaced in place by its final', async ({ page, appHost }, testInfo) => {
    await openMain(page, appHost.pageUrl);
    const engine = engineOf(appHost);
    engine.emit({ type: 'caption.partial', id: 'p1', stage: 'transcribing', committed: 'The new office', tentative: ' opens in Mar', language: 'en', start_ms: 0, end_ms: 900, translation: null, lane: null });
    const line = page.locator('[data-caption-id="p1"]');
    await expect(line).toHaveClass(/partial/);
    await expect(line).toHaveAttribute('aria-busy', 'true');
    await expect(line.locator('.committed')).toHaveText('The new office');
    await expect(line.locator('.tentative')).toHaveText('opens in Mar');
    expect(await line.locator('.tentative').evaluate((el) => getComputedStyle(el).fontStyle)).toBe('italic');
    await page.locator('.caption-list-wrap').screenshot({ path: testInfo.outputPath('partial-caption.png') });
    await engine.invoke('text.translate', { text: 'unrelated' }); // another line in between
    engine.emit({
      type: 'caption.final', id: 'p1', text: 'The new office opens in March.', language: 'en', start_ms: 0, end_ms: 1500,
      confidence: { mean_token_prob: 0.9, no_speech_prob: 0.01 }, timings: { audio_ms: 1500, asr_ms: 200, translate_ms: 600, total_ms: 840 },
      target_language: 'de', translation: 'Das neue Büro öffnet im März.', lane: 'device', lane_reason: 'cloud unreachable',
      fallback: true, fallback_reason: 'the endpoint timed out', redaction: null, bytes: { audio: 48000, transcript: 30, sent: 0, received: 0 },
    });
    await expect(line).toHaveClass(/final/);
    await expect(line.locator('.caption-source')).toHaveText('The new office opens in March.');
    await expect(page.locator('.caption')).toHaveCount(2);
    await expect(page.locator('.caption').first()).toHaveAttribute('data-caption-id', 'p1');
    await expect(line.locator('.fallback-badge')).toHaveAttribute('title', /the endpoint timed out/);
  });

  test('follows live captions; scrolling up offers "Jump to live"', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const engine = engineOf(appHost);
    for (let i = 0; i < 25; i++) await engine.invoke('text.translate', { text: `Line number ${i} of a longer conversation.` });
    await expect(page.locator('.caption')).toHaveCount(25);
    const scroller = page.locator('.caption-scroller');
    await expect.poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    const jump = page.getByRole('button', { name: /Jump to live/ });
    await expect(jump).toBeVisible();
    await engine.invoke('text.translate', { text: 'A new line while reading old ones.' });
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeLessThan(50); // not yanked down while reading
    await jump.click();
    await expect(jump).toBeHidden();
    await expect.poll(() => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)).toBeLessThan(5);
  });

  test('engine errors show what happened and what to do, and can be dismissed', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    engineOf(appHost).emit({ type: 'error', code: 'mic_unavailable', message: 'The microphone stopped delivering audio.', action: 'Check that it is plugged in, then press talk again.', recoverable: false, caption_id: null });
    const alert = page.getByRole('alert').filter({ hasText: 'microphone stopped' });
    await expect(alert).toContainText('Check that it is plugged in');
    await alert.getByRole('button', { name: /Dismiss/ }).click();
    await expect(alert).toHaveCount(0);
  });
});

test.describe('keyboard and motion', () => {
  test.use({ appHostOptions: { engine: scripted, settings: { firstRunDone: true } } });

  test('everything is reachable by keyboard with a visible focus ring; reduced motion stops animations', async ({ page, appHost }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openMain(page, appHost.pageUrl);
    const settingsButton = page.getByRole('button', { name: 'Settings' });
    await page.keyboard.press('Tab');
    await expect(settingsButton).toBeFocused();
    expect(await settingsButton.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Tab order reaches the talk button, then the hands-free switch.
    const ptt = page.getByRole('button', { name: /hold to talk/i });
    for (let i = 0; i < 10 && !(await ptt.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(ptt).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('switch', { name: 'Hands-free' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('switch', { name: 'Hands-free' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByRole('switch', { name: /listening/i })).toBeVisible();

    engineOf(appHost).emit({ type: 'caption.partial', id: 'm1', stage: 'transcribing', committed: 'Still', tentative: ' talking', language: 'en', start_ms: 0, end_ms: 500, translation: null, lane: null });
    const animation = await page.locator('[data-caption-id="m1"] .caption-source').evaluate((el) => getComputedStyle(el, '::after').animationName);
    expect(animation).toBe('none');
  });
});

test.describe('connection', () => {
  test.use({ appHostOptions: { engine: scripted, settings: { firstRunDone: true } } });

  test('says so when the engine goes away, reconnects by itself, and reloads the state', async ({ page, appHost, pageProblems }) => {
    await openMain(page, appHost.pageUrl);
    await appHost.host.close();
    const banner = page.getByRole('alert').filter({ hasText: 'Lost the connection to the Sotto engine' });
    await expect(banner).toBeVisible();
    await appHost.engine.invoke('settings.update', { patch: { captionSize: 'large' } }); // changed while the window was away
    const again = await startWsHost(appHost.engine, { port: appHost.host.port, token: appHost.host.token, staticDir: RENDERER_DIST });
    try {
      await expect(banner).toBeHidden();
      await expect(page.locator('html')).toHaveAttribute('data-caption-size', 'large');
      await page.getByLabel('Type a line to translate').fill('Back online.');
      await page.getByRole('button', { name: 'Translate' }).click();
      await expect(page.locator('.caption.final')).toContainText('Back online.');
    } finally {
      await again.close();
      // Chromium logs each refused reconnect attempt while the host is down: expected here, and only here.
      const expected = (p: string) => /WebSocket connection to .* failed/.test(p);
      pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !expected(p)));
    }
  });
});

test.describe('ledger with both lanes', () => {
  test.use({
    appHostOptions: {
      engine: scripted,
      openaiBaseUrl: 'http://127.0.0.1:9/v1',
      settings: { firstRunDone: true, targetLanguage: 'de', routing: { maxDeviceWords: 8 } },
    },
  });

  test('counts bytes kept and sent, lines per lane, and draws the chart', async ({ page, appHost }, testInfo) => {
    await openMain(page, appHost.pageUrl);
    await expect(page.getByText('only transcripts may be sent')).toBeVisible();
    const input = page.getByLabel('Type a line to translate');
    await input.fill('Short line here.');
    await input.press('Enter');
    await expect(input).toHaveValue('');
    await page.getByRole('button', { name: /hold to talk/i }).focus();
    await page.keyboard.down('Enter');
    await page.keyboard.up('Enter');
    await input.fill('This is a considerably longer sentence that the router sends to the cloud lane.');
    await page.getByRole('button', { name: 'Translate' }).click();
    await expect(page.locator('.caption.final')).toHaveCount(3);
    await expect(page.locator('.caption.final').last().locator('.lane-badge')).toHaveText('Cloud');

    const ledger = page.getByRole('complementary', { name: 'Data ledger' });
    const totals = await appHost.engine.invoke('ledger.get', {});
    await expect(ledger.getByText(`${totals.bytes_sent.toLocaleString('en-US')} bytes`, { exact: false }).or(ledger.locator(`[title="${totals.bytes_sent.toLocaleString('en-US')} bytes"]`))).toHaveCount(1);
    expect(totals.data_kept_percent).toBeGreaterThan(90);
    expect(totals.data_kept_percent).toBeLessThan(100);
    await expect(ledger.locator('.kept-number')).toHaveText(formatPercent(totals.data_kept_percent));
    await expect(ledger.locator('.series.kept')).toHaveAttribute('points', /,/);
    await expect(ledger.locator('.series.sent')).toHaveAttribute('points', /,/);
    const lanes = ledger.locator('.ledger-grid.lanes dd');
    await expect(lanes.nth(0)).toHaveText('2');
    await expect(lanes.nth(1)).toHaveText('1');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: testInfo.outputPath('main-screen.png') });
    await ledger.screenshot({ path: testInfo.outputPath('ledger.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: testInfo.outputPath('main-screen-dark.png') });
  });
});

test.describe('settings', () => {
  test.use({ appHostOptions: { engine: scripted, settings: { firstRunDone: true } } });

  test('opens, validates in the form, saves, toggles all-local, and never shows the key', async ({ page, appHost }, testInfo) => {
    await openMain(page, appHost.pageUrl);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((el) => el.matches(':modal'))).toBe(true); // focus stays in the dialog
    await expect(dialog.getByText('Nothing leaves this device.')).toBeVisible();
    await expect(dialog.getByRole('switch', { name: 'All-local mode' })).toHaveAttribute('aria-checked', 'true');
    await expect(dialog.getByLabel('Microphone')).toContainText('Second microphone');
    await page.screenshot({ path: testInfo.outputPath('settings-panel.png') });

    await dialog.getByRole('switch', { name: 'All-local mode' }).click();
    await expect(dialog.getByRole('switch', { name: 'All-local mode' })).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByText('only transcripts may be sent')).toBeVisible();

    await dialog.getByLabel('Base URL').fill('ftp://example.com');
    await dialog.getByLabel('Long line (words)').fill('');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.locator('#set-cloudBaseUrl-error')).toBeVisible();
    await expect(dialog.locator('#set-maxDeviceWords-error')).toContainText(/number/i);
    await expect(dialog.getByLabel('Base URL')).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: testInfo.outputPath('settings-errors.png') });

    await dialog.getByRole('group', { name: 'Models' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('settings-models.png') });
    await dialog.getByLabel('Base URL').fill('http://127.0.0.1:8080/v1');
    await dialog.getByLabel('Long line (words)').fill('12');
    await dialog.getByLabel('Theme').selectOption('dark');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dialog.getByText('Saved.')).toBeVisible();
    expect(await appHost.engine.invoke('settings.get', {})).toMatchObject({ cloud: { baseUrl: 'http://127.0.0.1:8080/v1' }, routing: { maxDeviceWords: 12 }, theme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    const secret = 'sk-test-DO-NOT-SHOW-1234';
    await dialog.getByLabel('API key').fill(secret);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect(dialog.getByTestId('key-state')).toHaveText('key set');
    await expect(dialog.getByLabel('API key')).toHaveValue('');
    expect(await page.content()).not.toContain(secret);

    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });
});

test.describe('real engine', () => {
  test.use({ appProcessOptions: { settings: { firstRunDone: true } } });

  test('the main screen comes up over the real engine app (child process)', async ({ page, appProcess }, testInfo) => {
    await openMain(page, appProcess.pageUrl);
    await expect(page.getByText('Nothing leaves this device')).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Data ledger' })).toBeVisible();
    await expect(page.locator('[data-endpoint]')).toBeVisible();
    const status = await appProcess.api.invoke('status.get', {});
    await expect(page.locator('[data-engine-state]')).toHaveAttribute('data-engine-state', status.state);
    await page.screenshot({ path: testInfo.outputPath('real-engine-main.png') });
  });
});
