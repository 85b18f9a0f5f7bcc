// The data ledger in Chromium, over the scripted engine (which keeps its totals with the product's own Ledger class).
import type { Page } from '@playwright/test';
import { test, expect } from '../test-support/hosts/sotto-test';
import { formatExactBytes } from '../renderer/format';
import { expectAccessible } from './support/axe';
import { engineOf, openMain, scripted, scriptedReady, screenPath, leavePagesBeforeHostsClose } from './support/ui';

leavePagesBeforeHostsClose();

const ledgerOf = (page: Page) => page.getByRole('complementary', { name: 'Data ledger' });
const fact = (page: Page, id: string) => ledgerOf(page).locator(`[data-fact="${id}"] dd`);

test.describe('ledger after a first run with model downloads (all-local)', () => {
  test.use({ appHostOptions: { engine: scripted(), settings: { firstRunDone: true } } });

  test('the headline answers "what left" and never contradicts the all-local badge', async ({ page, appHost }) => {
    await page.goto(appHost.pageUrl);
    // The user confirmed two downloads in all-local mode (public files): 308 B sent, ~180 MB received each time.
    await appHost.engine.invoke('models.download', { id: 'ggml-base', allowInAllLocal: true });
    await appHost.engine.invoke('models.download', { id: 'opus-mt-en-de', allowInAllLocal: true });
    await page.reload();
    await expect(page.getByRole('button', { name: /hold to talk/i })).toBeEnabled();
    await expect(page.locator('.privacy-badge')).toHaveText('All-local: no audio or text leaves this device');
    const totals = await appHost.engine.invoke('ledger.get', {});
    expect(totals.data_kept_percent).toBe(0); // the old headline: "0 % of data kept on this device"
    // Now: audio 100 % here, no lines yet, no text sent; the downloads on their own line.
    await expect(fact(page, 'audio')).toHaveText('100 % on this device, never sent');
    await expect(fact(page, 'lines')).toHaveText('none yet every line you speak is counted here');
    await expect(fact(page, 'text')).toHaveText('none all-local mode is on');
    await expect(ledgerOf(page).locator('[data-traffic="downloads"]')).toHaveText('↓ 203 MB · ↑ 616 B · 2 requests');
    await expect(ledgerOf(page).locator('[data-traffic="checks"]')).toHaveText('none');
    await expect(ledgerOf(page)).not.toContainText(/\b0 %/);
    await expectAccessible(page, 'ledger after downloads');
  });
});

test.describe('ledger with both lanes', () => {
  test.use({
    appHostOptions: {
      engine: scriptedReady(),
      openaiBaseUrl: 'http://127.0.0.1:9/v1',
      settings: { firstRunDone: true, targetLanguage: 'de', routing: { maxDeviceWords: 8 }, cloud: { pricePerMillion: { input: 0.15, output: 0.6 } } },
    },
  });

  test('lines kept of N, text bytes in requests (per endpoint), a readable log chart, and the router figures', async ({ page, appHost }, testInfo) => {
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

    const totals = await appHost.engine.invoke('ledger.get', {});
    expect(totals).toMatchObject({ captions: 3, lines_kept_on_device: 2, text_sent: { requests: 1 } });
    await expect(fact(page, 'audio')).toHaveText('100 % on this device, never sent');
    await expect(fact(page, 'lines')).toHaveText('2 of 3 stayed on this device; 1 line sent as text');
    await expect(fact(page, 'text')).toContainText('in 1 request');
    await expect(fact(page, 'text').locator('.fact-value .bytes')).toHaveAttribute('title', formatExactBytes(totals.text_sent.bytes_sent));
    await ledgerOf(page).getByText('Per endpoint').click();
    await expect(ledgerOf(page).locator('[data-origin="http://127.0.0.1:9"]')).toContainText('1 request');

    // The chart: kept and sent on a log scale, so the few hundred bytes of text stand well off the axis.
    const sentTop = await ledgerOf(page).locator('.series.sent').evaluate((el) => Math.min(...(el.getAttribute('points') ?? '').split(' ').map((p) => Number(p.split(',')[1]))));
    expect(sentTop).toBeLessThan(72 * 0.5); // y grows downwards: the line rises above half the height
    await expect(ledgerOf(page).locator('.legend-scale')).toHaveText('log scale');

    // The router's figures: share on the device, latency per lane, queue wait, cost at the user's price, cost avoided.
    const router = ledgerOf(page).locator('.router');
    await expect(router).toContainText('Done on the device67 % (2 of 3)');
    await expect(router).toContainText('Device latency p50 / p9590 ms / 90 ms');
    await expect(router).toContainText('Cloud latency p50 / p95480 ms / 480 ms');
    await expect(router).toContainText(`Cloud cost${totals.cost.prompt_tokens + totals.cost.completion_tokens} tokens · $`);
    await expect(router).toContainText('Cost avoided~');
    const lanes = ledgerOf(page).locator('.ledger-grid.lanes dd');
    await expect(lanes.nth(0)).toHaveText('2');
    await expect(lanes.nth(1)).toHaveText('1');
    await expect(lanes.nth(3)).toHaveText('0');
    await expectAccessible(page, 'ledger with both lanes');
    await page.mouse.move(0, 0);
    await ledgerOf(page).screenshot({ path: await screenPath('ledger-both-lanes.png') });
    await page.screenshot({ path: testInfo.outputPath('main-screen.png') });
  });

  test('under all-local, text sent earlier is dated before the switch', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    await engineOf(appHost).invoke('text.translate', { text: 'This is a considerably longer sentence that goes to the cloud lane.' });
    await appHost.engine.invoke('settings.update', { patch: { allLocal: true } });
    await expect(page.locator('.privacy-badge')).toContainText('no audio or text leaves this device');
    await expect(fact(page, 'text')).toContainText('before all-local mode was switched on');
  });
});
