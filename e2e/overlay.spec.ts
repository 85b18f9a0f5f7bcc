// The caption overlay as a renderer route (#view=overlay) in Chromium, over the real WebSocket transport with the
// scripted engine. The desktop window around it (always on top, click-through, bounds per display) is the shell's
// part: electron/main/overlay-controller.test.ts covers it with a stand-in window.
import type { Page } from '@playwright/test';
import { hashFor } from '../renderer/routes';
import { expect, test } from '../test-support/hosts/sotto-test';
import { expectAccessible } from './support/axe';
import { shootAtWidths } from './support/screens';
import { engineOf, openMain, scriptedReady } from './support/ui';

test.use({ appHostOptions: { engine: scriptedReady(), settings: { firstRunDone: true, targetLanguage: 'de' } } });

const overlayUrl = (pageUrl: string) => {
  const url = new URL(pageUrl);
  url.hash = hashFor(url.hash, 'overlay');
  return url.toString();
};

async function openOverlay(page: Page, pageUrl: string): Promise<void> {
  await page.goto(overlayUrl(pageUrl));
  await expect(page.getByText('Captions appear here.')).toBeVisible();
}

const overlaySettings = async (app: { engine: unknown }) => (await engineOf(app).invoke('settings.get', {})).overlay;

test('the Overlay button opens the caption-only view; it follows live captions with their translation', async ({ page, appHost }) => {
  await openMain(page, appHost.pageUrl);
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Overlay', exact: true }).click();
  const overlay = await popupOpened;
  await expect(overlay.getByText('Captions appear here.')).toBeVisible();
  expect(new URL(overlay.url()).hash).toMatch(/view=overlay/);
  // Caption-only: no header, controls or ledger.
  await expect(overlay.getByRole('button', { name: /hold to talk/i })).toHaveCount(0);

  const engine = engineOf(appHost);
  for (const text of ['First line.', 'Second line.', 'Third line.']) await engine.invoke('text.translate', { text });
  const lines = overlay.locator('.overlay-line');
  await expect(lines).toHaveCount(2);
  await expect(lines.last()).toContainText('Third line.');
  await expect(lines.last().locator('.overlay-text.translation')).toHaveText('[de] Third line.');
  await overlay.close();
});

test('show translation only / source only / both; a partial shows while speaking', async ({ page, appHost }) => {
  await openOverlay(page, appHost.pageUrl);
  const engine = engineOf(appHost);
  await engine.invoke('text.translate', { text: 'Hello there.' });
  const line = page.locator('.overlay-line').last();
  await expect(line.locator('.overlay-text')).toHaveText(['Hello there.', '[de] Hello there.']);

  await page.getByRole('button', { name: 'Translation', exact: true }).click();
  await expect(line.locator('.overlay-text')).toHaveText(['[de] Hello there.']);
  await page.getByRole('button', { name: 'Source', exact: true }).click();
  await expect(line.locator('.overlay-text')).toHaveText(['Hello there.']);
  expect(await overlaySettings(appHost)).toMatchObject({ show: 'source' });

  engine.emit({ type: 'caption.partial', id: 'live-1', stage: 'transcribing', committed: 'Still ', tentative: 'speaking', language: 'en', start_ms: 0, end_ms: 900, translation: null, lane: null });
  await expect(page.locator('.overlay-line.partial')).toHaveText('Still speaking');
});

test('text size, backdrop and click-through are settings, applied at once', async ({ page, appHost }) => {
  await openOverlay(page, appHost.pageUrl);
  await engineOf(appHost).invoke('text.translate', { text: 'Size me.' });
  const before = (await overlaySettings(appHost)).fontSize;
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect.poll(async () => (await overlaySettings(appHost)).fontSize).toBe(before + 4);
  await expect(page.locator('.overlay-captions')).toHaveCSS('font-size', `${before + 4}px`);

  await page.getByLabel('Backdrop').fill('40');
  await expect.poll(async () => (await overlaySettings(appHost)).opacity).toBe(0.4);

  await page.getByRole('button', { name: 'Click-through' }).click();
  await expect.poll(async () => (await overlaySettings(appHost)).clickThrough).toBe(true);
  // The pointer no longer reaches the overlay: its controls go away rather than mislead.
  await expect(page.getByRole('toolbar', { name: 'Overlay' })).toBeHidden();
});

test('looks right at 320, 480 and 1280 px in both themes, and axe finds nothing serious', async ({ page, appHost }) => {
  await openOverlay(page, appHost.pageUrl);
  const engine = engineOf(appHost);
  await engine.invoke('text.translate', { text: 'Good morning, everyone.' });
  await engine.invoke('text.translate', { text: 'Let us look at the quarterly numbers together.' });
  await expect(page.locator('.overlay-line')).toHaveCount(2);
  await expectAccessible(page, 'overlay');
  // The toolbar shows while the pointer is on the overlay.
  await shootAtWidths(page, 'overlay', (width) => (width === 1280 ? 220 : 260), () => page.mouse.move(10, 10));
});

test('the main screen header holds History and Overlay without scrolling sideways', async ({ page, appHost }) => {
  await openMain(page, appHost.pageUrl);
  await expect(page.getByRole('button', { name: 'History', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Overlay', exact: true })).toBeVisible();
  await shootAtWidths(page, 'main-with-view-buttons', (width) => (width === 1280 ? 800 : 700));
});
