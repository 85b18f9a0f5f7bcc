// The settings dialog in Chromium over the scripted engine: tabs, one save model (every change applies at once),
// nothing that traps, and errors said where they happen.
import type { Page } from '@playwright/test';
import { test, expect } from '../test-support/hosts/sotto-test';
import type { ScriptedEngine } from '../test-support/engines/scripted-engine';
import { expectAccessible } from './support/axe';
import { engineOf, openMain, scriptedReady, screenPath, leavePagesBeforeHostsClose } from './support/ui';

leavePagesBeforeHostsClose();

async function openSettings(page: Page, tab?: string) {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  if (tab) await dialog.getByRole('tab', { name: tab }).click();
  return dialog;
}

test.describe('settings', () => {
  test.use({ appHostOptions: { engine: scriptedReady(), settings: { firstRunDone: true } } });

  test('tabs, changes applied at once, all-local, and a key that is never shown', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const dialog = await openSettings(page);
    expect(await dialog.evaluate((el) => el.matches(':modal'))).toBe(true); // focus stays in the dialog
    await expect(dialog.getByLabel('Microphone')).toContainText('Second microphone');
    await expectAccessible(page, 'settings: general');
    // Appearance is one Tab stop and two arrow keys away (before: below 31 model rows, ~62 Tab stops).
    await dialog.getByRole('tab', { name: 'General' }).focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await expect(dialog.getByRole('tab', { name: 'Appearance' })).toHaveAttribute('aria-selected', 'true');
    await dialog.getByLabel('Theme').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(dialog.getByText('Saved: Theme.')).toBeVisible();
    expect((await appHost.engine.invoke('settings.get', {})).theme).toBe('dark');
    await expectAccessible(page, 'settings: appearance');

    await dialog.getByRole('tab', { name: 'Privacy' }).click();
    await expect(dialog.getByText('No audio or text leaves this device.')).toBeVisible();
    const allLocal = dialog.getByRole('switch', { name: 'All-local mode' });
    await expect(allLocal).toHaveAttribute('aria-checked', 'true');
    await allLocal.click();
    await expect(allLocal).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByText('only transcripts may be sent')).toBeVisible();

    await dialog.getByRole('tab', { name: 'Cloud' }).click();
    await dialog.getByLabel('Base URL', { exact: true }).fill('http://127.0.0.1:8080/v1');
    await dialog.getByLabel('Base URL', { exact: true }).press('Enter');
    await expect(dialog.getByText('Saved: Base URL.')).toBeVisible();
    await dialog.getByLabel('Input price ($ per million tokens)').fill('0.15');
    await dialog.getByLabel('Output price ($ per million tokens)').fill('0.6');
    await dialog.getByLabel('Model name').focus(); // leaving the pair saves it
    await expect(dialog.getByText('Saved: Input price, Output price.')).toBeVisible();
    expect(await appHost.engine.invoke('settings.get', {})).toMatchObject({ cloud: { baseUrl: 'http://127.0.0.1:8080/v1', pricePerMillion: { input: 0.15, output: 0.6 } } });

    const secret = 'sk-test-DO-NOT-SHOW-1234';
    await dialog.getByLabel('API key').fill(secret);
    await dialog.getByRole('button', { name: 'Save key' }).click();
    await expect(dialog.getByTestId('key-state')).toHaveText('key set');
    await expect(dialog.getByLabel('API key')).toHaveValue('');
    expect(await page.content()).not.toContain(secret);
    await expectAccessible(page, 'settings: cloud');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
  });

  test('an invalid value stays in its field with its message, never blocks another field, and closing asks first', async ({ page, appHost }) => {
    const dialog = await enterInvalidBaseUrl(page, appHost, 'ftp://example.com');
    await expect(dialog.getByLabel('Base URL', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'settings: invalid field');
    // Another tab, another field: saved at once although the Base URL is invalid.
    await dialog.getByRole('tab', { name: 'Translation' }).click();
    await dialog.getByLabel('Long line (words)').fill('12');
    await dialog.getByLabel('Long line (words)').press('Enter');
    await expect(dialog.getByText('Saved: Long line (words).')).toBeVisible();
    expect((await appHost.engine.invoke('settings.get', {})).routing.maxDeviceWords).toBe(12);

    // Before: Escape dropped unsaved edits silently. Now the dialog names what would be lost.
    await page.keyboard.press('Escape');
    const prompt = dialog.getByRole('alertdialog');
    await expect(prompt).toContainText('Not saved: Base URL (Enter an http:// or https:// address');
    await screenshotDialog(page, 'settings-unsaved.png');
    await prompt.getByRole('button', { name: 'Keep editing' }).click();
    await expect(dialog.getByRole('tab', { name: 'Cloud' })).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByLabel('Base URL', { exact: true })).toBeFocused();
    await page.keyboard.press('Escape');
    await dialog.getByRole('alertdialog').getByRole('button', { name: 'Discard and close' }).click();
    await expect(dialog).toBeHidden();
    expect((await appHost.engine.invoke('settings.get', {})).cloud.baseUrl).toBe(''); // the invalid edit was dropped, nothing else
  });

  test('a field that became disabled (all-local on) never blocks saving or closing', async ({ page, appHost }) => {
    const dialog = await enterInvalidBaseUrl(page, appHost, 'not a url');
    await dialog.getByRole('tab', { name: 'Privacy' }).click();
    await dialog.getByRole('switch', { name: 'All-local mode' }).click();
    await expect(dialog.getByRole('switch', { name: 'All-local mode' })).toHaveAttribute('aria-checked', 'true');
    // Before: the disabled, invalid Base URL blocked saving anything.
    await dialog.getByRole('tab', { name: 'Appearance' }).click();
    await dialog.getByLabel('Caption size').selectOption('large');
    await expect(page.locator('html')).toHaveAttribute('data-caption-size', 'large');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
  });

  test('models: mirror field, import by path, and a failed download said shortly in its row', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const url = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/5359861c739e955e79d9a303bcbc70fb988958b1/ggml-tiny.bin';
    engineOf(appHost).failDownload('ggml-tiny', `${url} answered HTTP 404 Not Found.`, 'Check the model mirror in Settings, or import the file by hand.');
    const dialog = await openSettings(page, 'Models');
    // The finding: "Check the model mirror in Settings" with no mirror field anywhere.
    await expect(dialog.getByLabel('Mirror base URL')).toBeDisabled(); // all-local: it cannot change now, and says why
    await expect(dialog.locator('#mirror-locked')).toContainText('Switch all-local off');
    await dialog.getByLabel(/Allow model downloads/).check();
    await dialog.getByText(/More speech models/).click();
    const tiny = dialog.locator('[data-model-id="ggml-tiny"]');
    await tiny.getByRole('button', { name: 'Download' }).click();
    const failure = tiny.getByRole('alert');
    await expect(failure.locator('.notice-message')).toHaveText('Download failed: huggingface.co answered HTTP 404 Not Found.');
    await expect(failure).toContainText('Check the model mirror in Settings, or import the file by hand.');
    await expect(failure.getByText(url, { exact: false })).toBeHidden();
    await failure.getByText('Details').click();
    await expect(failure.getByText(url, { exact: false })).toBeVisible();
    // No banner stacked over the main screen with the URL (the row says it).
    await expect(page.locator('.notices')).toHaveCount(0);
    await expectAccessible(page, 'settings: models with a failed download');
    await screenshotDialog(page, 'settings-models-failed.png');

    // "Use Import a model file": the button says exactly that, and takes a path (the desktop picker is the shell's).
    await tiny.getByRole('button', { name: 'Import a model file' }).click();
    await tiny.getByLabel(/Path of the Whisper tiny file/).fill('/home/me/ggml-tiny.bin');
    await tiny.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(tiny.getByText('Installed')).toBeVisible();

    await appHost.engine.invoke('settings.update', { patch: { allLocal: false } });
    await dialog.getByLabel('Mirror base URL').fill('http://proxy.lan/hf');
    await dialog.getByLabel('Mirror base URL').press('Enter');
    await expect(dialog.getByText('Saved: Download mirror.')).toBeVisible();
    expect((await appHost.engine.invoke('settings.get', {})).modelMirror).toBe('http://proxy.lan/hf');
  });
});

test.describe('check endpoint', () => {
  test.use({
    appHostOptions: {
      engine: scriptedReady({ endpointCheck: { state: 'unreachable', message: 'connection refused by 127.0.0.1:9' } }),
      openaiBaseUrl: 'http://127.0.0.1:9/v1',
      settings: { firstRunDone: true },
    },
  });

  test('"Check endpoint" shows its answer and its reason in the dialog', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const dialog = await openSettings(page, 'Cloud');
    await dialog.getByRole('button', { name: 'Check endpoint' }).click();
    // Before: "unreachable" in grey, and no reason.
    const state = dialog.getByTestId('endpoint-state');
    await expect(state).toHaveText('Unreachable: connection refused by 127.0.0.1:9');
    await expect(state).toHaveClass(/bad/);
    await expect(page.locator('[data-endpoint]')).toHaveAttribute('data-endpoint', 'unreachable');
    await expectAccessible(page, 'settings: endpoint check');
    await expect(page.getByRole('complementary', { name: 'Data ledger' }).locator('[data-traffic="checks"]')).toHaveText('↓ 0 B · ↑ 250 B · 1 request');
  });
});

/** The cloud lane allowed, Settings → Cloud open, and a Base URL that does not validate, left (so it was tried). */
async function enterInvalidBaseUrl(page: Page, appHost: { pageUrl: string; engine: { invoke: ScriptedEngine['invoke'] } }, value: string) {
  await openMain(page, appHost.pageUrl);
  await appHost.engine.invoke('settings.update', { patch: { allLocal: false } });
  const dialog = await openSettings(page, 'Cloud');
  await dialog.getByLabel('Base URL', { exact: true }).fill(value);
  await dialog.getByLabel('Base URL', { exact: true }).press('Tab');
  await expect(dialog.locator('#set-cloudBaseUrl-error')).toBeVisible();
  return dialog;
}

async function screenshotDialog(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: await screenPath(name) });
}
