// History in Chromium over the real WebSocket transport: the scripted engine writes and reads history with the
// product's own History (real files in the test's folder), so every export here comes from the real exporter and is
// read back with two independent parsers.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { createScriptedEngine } from '../test-support/engines/scripted-engine';
import { parseSrt, parseVtt } from '../test-support/history/parsers';
import type { EngineFactory } from '../test-support/hosts/app-host';
import { expect, test } from '../test-support/hosts/sotto-test';
import { expectAccessible } from './support/axe';
import { shootAtWidths } from './support/screens';
import { engineOf, openMain, screenPath } from './support/ui';

/** The scripted engine, its history under the app host's own user-data folder. */
const withHistory: EngineFactory = async (o) => createScriptedEngine({}, { installed: ['ggml-base'], userDataDir: o.userDataDir });
const LINES = ['Good morning, everyone.', 'Fish & chips <cost> five pounds.', 'The new office opens in March.'];

test.use({ appHostOptions: { engine: withHistory, settings: { firstRunDone: true, targetLanguage: 'de' } } });

async function speak(page: Page, engine: ReturnType<typeof engineOf>, lines = LINES): Promise<void> {
  for (const text of lines) await engine.invoke('text.translate', { text });
  await expect(page.locator('.caption.final')).toHaveCount(lines.length);
}

async function openHistory(page: Page, sessionLines: number): Promise<void> {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
  await expect(page.locator('.session-item').first()).toContainText(`${sessionLines} line`);
}

async function downloaded(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

test('final captions land in history; a line and the whole session copy; exports parse back', async ({ page, appHost, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openMain(page, appHost.pageUrl);
  await speak(page, engineOf(appHost));
  await openHistory(page, 3);
  await page.locator('.session-item').first().click();
  const lines = page.locator('.history-line');
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(1)).toContainText('Fish & chips <cost> five pounds.');
  await expect(lines.nth(1)).toContainText('[de] Fish & chips <cost> five pounds.');

  await lines.nth(2).getByRole('button', { name: /Copy the line/ }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('The new office opens in March.\n[de] The new office opens in March.');
  await page.getByRole('button', { name: 'Copy all' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(LINES.map((l) => `${l}\n[de] ${l}`).join('\n\n'));

  // SubRip, both texts: three cues from the start of the session, source over translation.
  const srtDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  const srt = await srtDownload;
  expect(srt.suggestedFilename()).toMatch(/^sotto-\d{8}-\d{6}-[a-z0-9]{4}\.srt$/);
  const cues = parseSrt(await downloaded(srt));
  expect(cues.map((c) => c.text)).toEqual(LINES.map((l) => `${l}\n[de] ${l}`));
  expect(cues[0]!.startSeconds).toBe(0);
  expect(cues.every((c, i) => c.endSeconds > c.startSeconds && (i === 0 || c.startSeconds >= cues[i - 1]!.startSeconds))).toBe(true);

  // WebVTT, translation only, validated by the W3C's parser.
  await page.getByLabel('Export format').selectOption('vtt');
  await page.getByLabel('Export text').selectOption('translation');
  const vttDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  const vtt = await vttDownload;
  expect(vtt.suggestedFilename()).toMatch(/-translation\.vtt$/);
  const parsed = parseVtt(await downloaded(vtt));
  expect(parsed.errors).toEqual([]);
  expect(parsed.cues.map((c) => c.tree.children.map((n) => n.value).join(''))).toEqual(LINES.map((l) => `[de] ${l}`));
  await expect(page.getByRole('status').filter({ hasText: /Saved sotto-/ })).toBeAttached();
});

test('search across sessions opens the session at the line; retention off keeps nothing new', async ({ page, appHost }) => {
  await openMain(page, appHost.pageUrl);
  const engine = engineOf(appHost);
  await speak(page, engine);
  await openHistory(page, 3);
  await page.getByLabel('Search history').fill('OFFICE march');
  const hit = page.locator('.hits .session-item');
  await expect(hit).toHaveCount(1);
  await expect(hit).toContainText('The new office opens in March.');
  await hit.click();
  await expect(page.locator('.history-line.highlighted')).toContainText('The new office opens in March.');
  await page.getByLabel('Search history').fill('nothing like this at all');
  await expect(page.getByText('No line matches.')).toBeVisible();

  await page.getByLabel('Keep history').selectOption('off');
  await expect.poll(async () => (await engine.invoke('settings.get', {})).history.retention).toBe('off');
  await engine.invoke('text.translate', { text: 'Said while history is off.' });
  await page.getByLabel('Search history').fill('');
  await expect(page.locator('.session-item').first()).toContainText('3 lines');
  const { sessions } = await engine.invoke('history.list', {});
  expect((await engine.invoke('history.get', { id: sessions[0]!.id })).lines.map((l) => l.text)).toEqual(LINES);
});

test('delete one session and all history, each after a question', async ({ page, appHost }) => {
  await openMain(page, appHost.pageUrl);
  await speak(page, engineOf(appHost), LINES.slice(0, 1));
  await openHistory(page, 1);
  await page.locator('.session-item').first().click();
  await page.getByRole('button', { name: 'Delete session' }).click();
  await page.getByRole('group', { name: 'Delete this session?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText(/No history yet/)).toBeVisible();

  await page.getByRole('button', { name: '← Captions' }).click();
  await engineOf(appHost).invoke('text.translate', { text: 'A new session begins.' });
  await openHistory(page, 1);
  await page.getByRole('button', { name: 'Delete all history' }).click();
  await page.getByRole('button', { name: 'Delete all', exact: true }).click();
  await expect(page.getByText(/No history yet/)).toBeVisible();
  expect((await engineOf(appHost).invoke('history.list', {})).sessions).toEqual([]);
});

test('the live view: copy all and clear the screen, while history keeps every line', async ({ page, appHost, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openMain(page, appHost.pageUrl);
  await speak(page, engineOf(appHost), LINES.slice(0, 2));
  const tools = page.getByRole('group', { name: 'Captions on screen' });
  await tools.getByRole('button', { name: 'Copy all' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(LINES.slice(0, 2).map((l) => `${l}\n[de] ${l}`).join('\n\n'));
  await tools.getByRole('button', { name: 'Clear' }).click();
  await expect(page.locator('.caption')).toHaveCount(0);
  await openHistory(page, 2);
});

test.describe('when history cannot be written', () => {
  test.use({
    appHostOptions: {
      engine: async (o) => {
        // A file where the history folder should be: every write fails as on a read-only or broken folder.
        await writeFile(path.join(o.userDataDir, 'history'), 'in the way');
        return createScriptedEngine({}, { installed: ['ggml-base'], userDataDir: o.userDataDir });
      },
      settings: { firstRunDone: true, targetLanguage: 'de' },
    },
  });

  test('captions keep working and a notice says what happened and what to do', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    await speak(page, engineOf(appHost), LINES.slice(0, 2));
    const notice = page.locator('.notice[data-code="history_unwritable"]');
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('History is not being saved');
    await expect(notice).toContainText('writable');
    await page.screenshot({ path: await screenPath('history-unwritable-1280.png') });
  });
});

test('looks right at 320, 480 and 1280 px in both themes, and axe finds nothing serious', async ({ page, appHost }) => {
  await openMain(page, appHost.pageUrl);
  await speak(page, engineOf(appHost));
  await openHistory(page, 3);
  await expectAccessible(page, 'history list');
  await page.locator('.session-item').first().click();
  await expect(page.locator('.history-line')).toHaveCount(3);
  await expectAccessible(page, 'history session');
  await shootAtWidths(page, 'history-session', (width) => (width === 1280 ? 800 : 700));
  await page.setViewportSize({ width: 320, height: 700 });
  await page.getByRole('button', { name: '← All sessions' }).click();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: await screenPath('history-list-320-dark.png') });
});
