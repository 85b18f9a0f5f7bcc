// The first-run wizard in Chromium over the scripted engine, whose catalog has the real catalog's quirks
// (sizes written into descriptions, an English-only model marked recommended, a translator with no listed size).
import { test, expect } from '../test-support/hosts/sotto-test';
import { expectAccessible } from './support/axe';
import { engineOf, scripted, screenPath, leavePagesBeforeHostsClose } from './support/ui';

leavePagesBeforeHostsClose();

test.describe('first run', () => {
  test.use({ appHostOptions: { engine: scripted() } });

  test('languages → models (download with consent, import) → ready → main screen', async ({ page, appHost }) => {
    await page.goto(appHost.pageUrl);
    await expect(page.getByRole('heading', { name: 'Which languages?' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Sotto');
    await expectAccessible(page, 'first run: languages');
    await page.getByLabel('Translate to').selectOption('de');
    await page.getByRole('button', { name: 'Next: models' }).click();

    await expect(page.getByRole('heading', { name: 'Get the models' })).toBeVisible();
    const base = page.locator('[data-model-id="ggml-base"]');
    // The size once, from the catalog (before: "148 MB. · 148 MB").
    await expect(base.locator('.model-desc')).toHaveText('Multilingual (99 languages) Whisper base. · 148 MB');
    // One speech model recommended for auto-detect, and not the English-only one (before: three, one English-only).
    await expect(page.locator('.model-row:has(.tag:text("Recommended"))')).toHaveCount(2);
    await expect(base.getByText('Recommended')).toBeVisible();
    await expect(page.locator('[data-model-id="opus-mt-en-de"]').getByText('Recommended')).toBeVisible();
    await expect(page.locator('[data-model-id="ggml-base.en"]')).toBeHidden(); // folded under "More speech models"
    await expectAccessible(page, 'first run: models');
    // All-local is on by default: a download needs the user's explicit yes.
    await expect(base.getByRole('button', { name: 'Download' })).toBeDisabled();
    await page.getByLabel(/Allow downloading model files/).check();
    await base.getByRole('button', { name: 'Download' }).click();
    await expect(base.getByText('Installed')).toBeVisible();
    expect(engineOf(appHost).calls).toContainEqual({ command: 'models.download', request: { id: 'ggml-base', allowInAllLocal: true } });

    // Import with a bad path: the engine's message and action are shown.
    await page.getByText(/More speech models/).click();
    const tiny = page.locator('[data-model-id="ggml-tiny"]');
    await tiny.getByRole('button', { name: 'Import a model file' }).click();
    await tiny.getByLabel(/Path of the Whisper tiny file/).fill('Downloads/ggml-tiny.bin');
    await tiny.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'not an absolute path' });
    await expect(alert).toContainText('Enter the full path');
    await page.screenshot({ path: await screenPath('first-run-models-1280-light.png'), fullPage: true });
    await alert.getByRole('button', { name: /Dismiss/ }).click();
    await expect(alert).toHaveCount(0);

    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Ready' })).toBeVisible();
    await expect(page.getByText('A speech model is installed.')).toBeVisible();
    // The translator was not downloaded: said plainly, not hidden.
    await expect(page.locator('.problem-list')).toContainText('No on-device translator for the spoken language → German is installed');
    await expect(page.getByText('no API key is needed')).toBeVisible();
    await expectAccessible(page, 'first run: ready');
    await page.getByRole('button', { name: 'Start captioning' }).click();
    await expect(page.getByRole('button', { name: /hold to talk/i })).toBeEnabled();
    const settings = await appHost.engine.invoke('settings.get', {});
    expect(settings).toMatchObject({ firstRunDone: true, targetLanguage: 'de' });
  });

  test('without a speech model it is not "Ready": it says what is missing, names the failed download, and goes back', async ({ page, appHost }) => {
    engineOf(appHost).failDownload('opus-mt-en-fr', 'https://huggingface.co/x/resolve/main/onnx/encoder_model.onnx answered HTTP 503 Service Unavailable.', 'The server is busy or failing: try again later.');
    await page.goto(appHost.pageUrl);
    await page.getByLabel('Spoken language').selectOption('en');
    await page.getByLabel('Translate to').selectOption('fr');
    await page.getByRole('button', { name: 'Next: models' }).click();
    // English is spoken: the English-only model is the one recommended, and the translator's size is not "0 B".
    await expect(page.locator('[data-model-id="ggml-base.en"]').getByText('Recommended')).toBeVisible();
    await expect(page.locator('[data-model-id="opus-mt-en-fr"] .model-size')).toHaveText('· size not listed');
    await page.getByLabel(/Allow downloading model files/).check();
    await page.locator('[data-model-id="opus-mt-en-fr"]').getByRole('button', { name: 'Download' }).click();
    await expect(page.locator('[data-model-id="opus-mt-en-fr"]').getByRole('alert')).toContainText('Download failed: huggingface.co answered HTTP 503');
    await page.getByRole('button', { name: 'Next', exact: true }).click();

    // Before: "Ready / Start captioning" with no speech model, the failed download not mentioned.
    await expect(page.getByRole('heading', { name: 'Not ready yet' })).toBeVisible();
    const problems = page.locator('.problem-list');
    await expect(problems).toContainText('No speech model is installed');
    await expect(problems).toContainText('The download of OPUS-MT English → French failed.');
    await expect(page.getByRole('button', { name: 'Start captioning' })).toHaveCount(0);
    await expectAccessible(page, 'first run: not ready');
    await page.screenshot({ path: await screenPath('first-run-not-ready-1280-light.png'), fullPage: true });
    await page.getByRole('button', { name: 'Back to models' }).click();
    await expect(page.getByRole('heading', { name: 'Get the models' })).toBeVisible();
  });
});
