// Every screen at 320, 480 and 1280 px, light and dark: layout checks that failed before (captions collapsed to 2 px
// under the talk button, sideways scroll, a 4-line privacy pill), axe on each, and screenshots in
// test-results/screens/ for a person to look at.
import type { Page } from '@playwright/test';
import { test, expect } from '../test-support/hosts/sotto-test';
import type { ScriptedEngine } from '../test-support/engines/scripted-engine';
import { expectAccessible } from './support/axe';
import { DEDICATED, probePassed } from './support/gpu';
import { engineOf, scriptedReady, screenPath, leavePagesBeforeHostsClose } from './support/ui';

leavePagesBeforeHostsClose();

const WIDTHS = [
  { width: 320, height: 640 },
  { width: 480, height: 720 },
  { width: 1280, height: 800 },
];
const THEMES = ['light', 'dark'] as const;

/** A few lines of each kind: device, cloud, fallback with bytes, untranslated, and one still being spoken. */
async function fillCaptions(engine: ScriptedEngine): Promise<void> {
  await engine.invoke('text.translate', { text: 'Good morning, everyone.' });
  await engine.invoke('text.translate', { text: 'Let us look at the quarterly numbers together before the meeting ends today.' });
  engine.setCloudFault('unavailable');
  await engine.invoke('text.translate', { text: 'This longer line falls back to the device because the endpoint answered 503.' });
  engine.setCloudFault(null);
  engine.emit({ type: 'caption.partial', id: 'live', stage: 'transcribing', committed: 'The new office', tentative: ' opens in Mar', language: 'en', start_ms: 0, end_ms: 900, translation: null, lane: null });
}

/** What broke below 820 px: captions under the controls, sideways scroll, unreachable controls, a tall badge. */
async function expectSoundLayout(page: Page, where: string): Promise<void> {
  const m = await page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, height: r.height };
    };
    return {
      overflowX: document.documentElement.scrollWidth - window.innerWidth,
      captions: box('.caption-list-wrap'),
      controls: box('.controls'),
      ptt: box('.ptt-button'),
      badge: box('.privacy-badge'),
      typeLine: box('.type-line'),
      ledger: box('.ledger'),
    };
  });
  expect(m.overflowX, `${where}: no sideways scroll`).toBeLessThanOrEqual(0);
  expect(m.captions.height, `${where}: the caption area keeps its height`).toBeGreaterThanOrEqual(140);
  expect(m.captions.bottom, `${where}: captions end above the controls`).toBeLessThanOrEqual(m.controls.top + 1);
  expect(m.ptt.right, `${where}: the talk button fits the width`).toBeLessThanOrEqual((await page.viewportSize())!.width);
  expect(m.badge.height, `${where}: the privacy badge is at most two lines`).toBeLessThan(64);
  expect(overlaps(m.ledger, m.typeLine), `${where}: the ledger never covers the type-a-line box`).toBe(false);
  expect(overlaps(m.ledger, m.captions), `${where}: nor the captions`).toBe(false);
}

type Box = { left: number; right: number; top: number; bottom: number };
const overlaps = (a: Box, b: Box): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  // axe scrolls elements into view to read their colours: show each screen from its top.
  await page.evaluate(() => document.querySelectorAll('.app-main, .dialog-body').forEach((el) => el.scrollTo(0, 0)));
  await page.screenshot({ path: await screenPath(name) });
}

test.describe('screens at every width', () => {
  // Whisper on a dedicated GPU with a long name: the status bar's longest model item, and the General tab's GPU picker.
  test.use({
    appHostOptions: {
      engine: scriptedReady({ gpu: probePassed() }),
      openaiBaseUrl: 'http://127.0.0.1:9/v1',
      settings: { firstRunDone: true, targetLanguage: 'de', routing: { maxDeviceWords: 8 }, asrDevice: DEDICATED.id },
    },
  });
  test.setTimeout(120_000);

  for (const size of WIDTHS) {
    test(`${size.width} px: main, settings and first run, light and dark`, async ({ page, appHost }) => {
      await page.setViewportSize(size);
      await page.goto(appHost.pageUrl);
      await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
      const engine = engineOf(appHost);
      await fillCaptions(engine);
      engine.emit({ type: 'notice', level: 'warning', code: 'demo', message: 'The cloud endpoint answered 503: lines are translated on this device for now.' });
      await expect(page.locator('.caption')).toHaveCount(4);
      await expectSoundLayout(page, `main at ${size.width}`);
      await expectAccessible(page, `main at ${size.width}`);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        await shoot(page, `main-${size.width}-${theme}.png`);
      }
      // Settings: a tab that fits, the cloud tab (the most fields) and the models tab (the longest list).
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      await expect(dialog).toBeVisible();
      expect(await dialog.evaluate((el) => el.getBoundingClientRect().right <= window.innerWidth)).toBe(true);
      for (const tab of ['General', 'Cloud', 'Models']) {
        await dialog.getByRole('tab', { name: tab }).click();
        if (tab === 'General') await expect(dialog.getByRole('button', { name: 'Check GPUs' })).toBeVisible(); // the GPU report is in
        await expectAccessible(page, `settings ${tab} at ${size.width}`);
        for (const theme of THEMES) {
          await page.emulateMedia({ colorScheme: theme });
          await shoot(page, `settings-${tab.toLowerCase()}-${size.width}-${theme}.png`);
        }
      }
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
      // First run, from its first page.
      await appHost.engine.invoke('settings.update', { patch: { firstRunDone: false } });
      await page.reload();
      await page.getByRole('button', { name: 'Next: models' }).click();
      await expect(page.getByRole('heading', { name: 'Get the models' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      await expectAccessible(page, `first run at ${size.width}`);
      for (const theme of THEMES) {
        await page.emulateMedia({ colorScheme: theme });
        await shoot(page, `first-run-${size.width}-${theme}.png`);
      }
    });
  }
});
