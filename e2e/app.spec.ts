// End-to-end scenarios against the REAL engine (child process): speech played into a PulseAudio virtual
// microphone, whisper.cpp with a generated random-weight model (its text is garbage, so these tests assert on
// structure and flow, never on words), the generated en→de device translator, and the OpenAI-compatible test
// server as the cloud endpoint, which counts every byte and connection it sees.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { CaptionFinal, CaptionPartial } from '../electron/contract';
import { formatExactBytes } from '../renderer/format';
import { test, expect } from '../test-support/hosts/sotto-test';
import { expectAccessible } from './support/axe';
import { REPO_ROOT } from '../test-support/hosts/app-host';
import { startRealStack, type RealStack } from '../test-support/hosts/real-stack';
import { synthSpeech } from '../test-support/audio/speech';
import { virtualMicUnavailableReason } from '../test-support/audio/virtual-mic';

/** Screenshots for review live beside Playwright's own output (which it empties per run), not inside it. */
const SCREENS = path.join(REPO_ROOT, 'test-results', 'screens');
const screenPath = async (name: string): Promise<string> => {
  await mkdir(SCREENS, { recursive: true });
  return path.join(SCREENS, name);
};

const unavailable = virtualMicUnavailableReason();

async function openMain(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
  // The speech model must be loaded before a press, or the press waits for it (still correct, just slower).
  await expect(page.locator('[data-engine-state]')).toHaveAttribute('data-engine-state', 'ready', { timeout: 120_000 });
}

/** Records, in the page, every caption element that was ever provisional (it may be replaced within a frame). */
async function watchPartials(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __partialsSeen: string[] }).__partialsSeen = seen;
    const record = (el: Element): void => {
      if (el.matches('.caption.partial') && !seen.includes(el.getAttribute('data-caption-id') ?? '')) seen.push(el.getAttribute('data-caption-id') ?? '');
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes' && r.target instanceof Element) record(r.target);
        for (const n of r.addedNodes) if (n instanceof Element) [n, ...n.querySelectorAll('.caption')].forEach(record);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
  });
}
const partialsSeen = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __partialsSeen: string[] }).__partialsSeen);

/**
 * Holds the on-screen talk button with the pointer while the clip plays into the virtual mic, then lets go.
 * Waits for the engine to report the microphone open before playing, so the clip is captured from its start.
 * `untilProvisional`: keep holding after the clip until a provisional caption is on screen. Partials come from
 * re-decoding the growing window; on a busy 2-core machine the first pass may not finish within a short clip, and
 * a pass still running at release is dropped for the final (by design). Holding on (the user still pausing)
 * makes the scenario depend on the flow, not on CPU speed.
 */
async function holdToTalk(page: Page, stack: RealStack, clip: string, { untilProvisional = false } = {}): Promise<number> {
  const from = stack.events.length;
  const ptt = page.getByRole('button', { name: /hold to talk/i });
  const box = (await ptt.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect(ptt).toHaveAttribute('aria-pressed', 'true');
  await engineEvent(stack, from, (e) => e.type === 'status' && e.mic.capturing);
  await stack.mic.play(clip);
  if (untilProvisional) {
    await engineEvent(stack, from, (e) => e.type === 'caption.partial' && e.stage === 'transcribing');
    await expect(page.locator('.caption.partial')).toBeVisible();
  }
  await page.mouse.up();
  await expect(ptt).toHaveAttribute('aria-pressed', 'false');
  return from;
}

/**
 * Waits for the engine to emit a matching event (at or after index `from`), however long the machine takes: the
 * scenario waits on the flow, never on a guess of how fast a busy CPU decodes. The test's own timeout is the limit.
 */
async function engineEvent(stack: RealStack, from: number, match: (e: RealStack['events'][number]) => boolean): Promise<void> {
  await expect.poll(() => stack.events.slice(from).some(match), { timeout: 0, intervals: [50, 100, 250] }).toBe(true);
}

/** Waits (event-driven) for the final caption of the utterance that started at event index `from`. */
const finalAfter = (stack: RealStack, from: number) => engineEvent(stack, from, (e) => e.type === 'caption.final');

const finals = (stack: RealStack): CaptionFinal[] => stack.events.filter((e): e is CaptionFinal => e.type === 'caption.final');
const chatRequests = (stack: RealStack) => stack.server.requests.filter((r) => r.path.startsWith('/v1/chat/completions'));

test.describe('real engine: speech → captions → lanes → ledger', () => {
  test.skip(unavailable !== null, `virtual microphone unavailable: ${unavailable}`);
  // One engine, mic and server for the whole story: each test continues where the previous one stopped.
  test.describe.configure({ mode: 'serial' });
  // Generous: the waits are on engine events, so a busy machine makes a test slower, never wrong.
  test.setTimeout(240_000);

  let stack: RealStack;
  let clipA: string;
  let clipB: string;
  let clipC: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000); // first run: generated models and speech
    [clipA, clipB, clipC] = await Promise.all([
      // Short clips (~1.5 s): the random-weight model decodes up to its token cap, so length is test time.
      synthSpeech('Good morning, everyone.', { padStartS: 0.2, padEndS: 0.2 }),
      synthSpeech('Send me the report.', { padStartS: 0.2, padEndS: 0.2 }),
      synthSpeech('The train leaves at nine.', { padStartS: 0.2, padEndS: 0.2 }),
    ]);
    stack = await startRealStack({
      settings: {
        firstRunDone: true,
        sourceLanguage: 'en',
        targetLanguage: 'de',
        // Every real line has more than one word, so with the cloud allowed it goes to the cloud lane.
        routing: { maxDeviceWords: 1 },
        // A failing endpoint should fail fast and once, so the fallback scenario stays short.
        cloud: { maxRetries: 0, timeoutMs: 5000 },
      },
    });
  });
  test.afterAll(async () => {
    await stack?.close();
  });

  test('1. hold to talk: a provisional caption, then the final with its translation on the cloud lane', async ({ page }) => {
    await openMain(page, stack.app.pageUrl);
    await expect(page.getByText('only transcripts may be sent')).toBeVisible();
    await watchPartials(page);
    stack.server.reset();

    const from = await holdToTalk(page, stack, clipA, { untilProvisional: true });
    await finalAfter(stack, from);

    const line = page.locator('.caption.final');
    await expect(line).toHaveCount(1);
    const id = (await line.getAttribute('data-caption-id'))!;
    const final = finals(stack).find((f) => f.id === id)!;
    expect(final).toMatchObject({ lane: 'cloud', fallback: false, target_language: 'de', language: 'en' });
    expect(final.text.length).toBeGreaterThan(0);
    // The caption on screen is the engine's: transcript, translation (the test server's "[de] …" answer), lane.
    await expect(line.locator('.caption-source')).toHaveText(final.text);
    await expect(line.locator('.caption-translation')).toHaveText(final.translation!);
    expect(final.translation).toMatch(/^\[de\] /);
    await expect(line.locator('.lane-badge')).toHaveText('Cloud');
    await expect(line.locator('.lane-badge')).toHaveAttribute('title', /Translated by the cloud endpoint: long line/);
    // Whisper's run-together "words" wrap inside the caption instead of running out of the box (seen in review).
    for (const part of ['.caption-source', '.caption-translation']) {
      expect(await line.locator(part).evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    // The first ledger point is drawn as a line from zero, not an invisible dot.
    await expect(page.locator('.series.kept')).toHaveAttribute('points', /^0\.0,72\.0 \S+$/);

    // The line was provisional first: transcribing partials for the same id, and the page showed it as partial.
    const partials = stack.events.filter((e): e is CaptionPartial => e.type === 'caption.partial' && e.id === id && e.stage === 'transcribing');
    expect(partials.length).toBeGreaterThanOrEqual(1);
    expect(await partialsSeen(page)).toContain(id);
    await expect(page.locator('.caption.partial')).toHaveCount(0);

    // Exactly one chat request went out, carrying the transcript and never audio.
    const chats = chatRequests(stack);
    expect(chats).toHaveLength(1);
    expect(chats[0]!.status).toBe(200);
    expect(chats[0]!.body).toContain(final.text.slice(0, 20));
    expect(chats[0]!.body).not.toMatch(/RIFF|input_audio|audio\/wav/);
    await expectAccessible(page, 'real engine: a cloud line');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: await screenPath('main-screen-cloud.png') });
  });

  test('2. all-local switched on in Settings: the next line stays on the device and nothing connects', async ({ page }, testInfo) => {
    await openMain(page, stack.app.pageUrl);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('tab', { name: 'Privacy' }).click();
    const allLocal = dialog.getByRole('switch', { name: 'All-local mode' });
    await expect(allLocal).toHaveAttribute('aria-checked', 'false');
    await allLocal.click();
    await expect(allLocal).toHaveAttribute('aria-checked', 'true');
    await expect(dialog.getByText('No audio or text leaves this device.')).toBeVisible();
    await expectAccessible(page, 'real engine: settings, privacy');
    await page.screenshot({ path: await screenPath('settings-panel.png') });
    await page.screenshot({ path: testInfo.outputPath('settings-panel.png') });
    await dialog.getByRole('button', { name: 'Close settings' }).click();
    await expect(dialog).toBeHidden();

    await expect(page.locator('.privacy-badge')).toContainText('no audio or text leaves this device');
    await expect(page.locator('[data-endpoint]')).toHaveAttribute('data-endpoint', 'blocked');
    expect((await stack.app.api.invoke('settings.get', {})).allLocal).toBe(true);
    const connectionsBefore = stack.server.connections();
    const requestsBefore = stack.server.requests.length;
    const linesBefore = await page.locator('.caption.final').count();

    await finalAfter(stack, await holdToTalk(page, stack, clipB));

    await expect(page.locator('.caption.final')).toHaveCount(linesBefore + 1);
    const line = page.locator('.caption.final').last();
    const id = (await line.getAttribute('data-caption-id'))!;
    const final = finals(stack).find((f) => f.id === id)!;
    expect(final).toMatchObject({ lane: 'device', fallback: false, lane_reason: 'all-local mode', bytes: { sent: 0, received: 0 } });
    await expect(line.locator('.lane-badge')).toHaveText('Device');
    await expect(line.locator('.lane-badge')).toHaveAttribute('title', /Translated on this device: all-local mode/);
    // The generated translator knows a small dictionary: Whisper's random-weight words may translate to nothing.
    expect(typeof final.translation).toBe('string');
    // An empty device translation is shown as a quiet marker, never as a missing line.
    await expect(line.locator('.caption-translation')).toHaveText(shownTranslation(final.translation!));
    // Not one new TCP connection, not one request: the egress refused before anything reached the wire.
    expect(stack.server.connections()).toBe(connectionsBefore);
    expect(stack.server.requests.length).toBe(requestsBefore);
    await expect(page.locator('.ledger-note')).toHaveText('All-local mode is on: no audio or text can leave this device.');
  });

  test('6. endpoint failing: the caption still appears, on the device lane, marked fallback with the reason', async ({ page }) => {
    await openMain(page, stack.app.pageUrl);
    await stack.app.api.invoke('settings.update', { patch: { allLocal: false } });
    await expect(page.getByText('only transcripts may be sent')).toBeVisible();
    stack.server.setFault({ kind: 'unavailable' });
    const requestsBefore = chatRequests(stack).length;
    const linesBefore = await page.locator('.caption.final').count();

    await finalAfter(stack, await holdToTalk(page, stack, clipC));

    await expect(page.locator('.caption.final')).toHaveCount(linesBefore + 1);
    const line = page.locator('.caption.final').last();
    const id = (await line.getAttribute('data-caption-id'))!;
    const final = finals(stack).find((f) => f.id === id)!;
    expect(final).toMatchObject({ lane: 'device', fallback: true });
    expect(final.fallback_reason).toMatch(/503/);
    expect(typeof final.translation).toBe('string'); // the device translated it (see test 2 on empty text)
    // The cloud really was asked (once: retries are 0) and answered 503.
    const tried = chatRequests(stack).slice(requestsBefore);
    expect(tried.map((r) => r.status)).toEqual([503]);

    // Its text was sent (the failed request reached the server): never the green Device badge.
    const badge = line.locator('.lane-badge');
    await expect(badge).toHaveText('Cloud failed → device');
    await expect(badge).toHaveAttribute('title', new RegExp(escapeRegExp(final.fallback_reason!)));
    expect(final.bytes.sent).toBe(tried[0]!.bytes);
    await expect(line.locator('.wire')).toHaveAttribute('title', new RegExp(`^${escapeRegExp(formatExactBytes(final.bytes.sent))} sent, ${escapeRegExp(formatExactBytes(final.bytes.received))} received in 1 request to `));
    // The reason is on screen, not only on hover.
    await expect(line.locator('.fallback-reason')).toBeVisible();
    await expect(line.locator('.fallback-reason')).toHaveText(final.fallback_reason!);
    // The status bar follows the latest outcome: the endpoint answered, with an error (before: "Endpoint reachable").
    await expect(page.locator('[data-endpoint]')).toHaveAttribute('data-endpoint', 'failing');
    await expectAccessible(page, 'real engine: a fallback line');
    stack.server.setFault(null);
    await page.mouse.move(0, 0);
    await page.screenshot({ path: await screenPath('main-screen-fallback.png') });
  });

  test('3. the ledger on screen equals the engine totals and the bytes the server received', async ({ page }, testInfo) => {
    await openMain(page, stack.app.pageUrl);
    const totals = await stack.app.api.invoke('ledger.get', {});
    // Sent = every byte of every request the server read (the 503 one too: it left the device).
    expect(totals.bytes_sent).toBe(stack.server.bytesReceived());
    expect(totals.bytes_sent).toBeGreaterThan(0);
    expect(totals.bytes_received).toBe(stack.server.requests.reduce((n, r) => n + r.bytesWritten, 0));
    // Per line, from the captions the engine emitted: one cloud, one device (all-local), one fallback.
    const f = finals(stack);
    expect(f.map((c) => [c.lane, c.fallback])).toEqual([['cloud', false], ['device', false], ['device', true]]);
    expect(totals).toMatchObject({ lines_cloud: 1, lines_device: 1, lines_fallback: 1, lines_untranslated: 0 });
    expect(totals.bytes_sent).toBe(f.reduce((n, c) => n + c.bytes.sent, 0));
    // Kept: every utterance's audio, plus the transcripts that never went on the wire (the all-local line).
    expect(totals.audio_bytes_local).toBe(f.reduce((n, c) => n + c.bytes.audio, 0));
    expect(totals.bytes_kept_local).toBe(totals.audio_bytes_local + f.filter((c) => c.bytes.sent === 0).reduce((n, c) => n + c.bytes.transcript, 0));

    // Every byte sent in this story is caption text (no download, no check): the headline's text line is all of it.
    expect(totals.text_sent.bytes_sent).toBe(totals.bytes_sent);
    expect(totals.text_sent.requests).toBe(chatRequests(stack).length);
    const ledger = page.getByRole('complementary', { name: 'Data ledger' });
    await expect(ledger.locator('[data-fact="audio"] dd')).toHaveText('100 % on this device, never sent');
    await expect(ledger.locator('[data-fact="lines"] dd')).toHaveText(`${totals.lines_kept_on_device} of ${totals.captions} stayed on this device; ${totals.captions - totals.lines_kept_on_device} lines sent as text`);
    await expect(ledger.locator('[data-fact="text"] .fact-value .bytes')).toHaveAttribute('title', formatExactBytes(stack.server.bytesReceived()));
    await expect(ledger.locator('[data-fact="text"] dd')).toContainText(`in ${totals.text_sent.requests} requests`);
    await expect(ledger.locator('[data-traffic="downloads"]')).toHaveText('none');
    const lanes = ledger.locator('.ledger-grid.lanes dd');
    await expect(lanes.nth(0)).toHaveText(String(totals.lines_device));
    await expect(lanes.nth(1)).toHaveText(String(totals.lines_cloud));
    await expect(lanes.nth(2)).toHaveText(String(totals.lines_fallback));
    // A reloaded window knows the totals but not their history, and says so honestly.
    await expect(ledger.locator('.chart-empty')).toHaveText('The chart starts with the next line.');

    await page.mouse.move(0, 0);
    await ledger.screenshot({ path: await screenPath('ledger.png') });
    await page.screenshot({ path: testInfo.outputPath('main-screen.png') });
  });
});

test.describe('real engine: settings on disk', () => {
  test.skip(unavailable !== null, `virtual microphone unavailable: ${unavailable}`);
  test.setTimeout(90_000);

  test('4. settings changed in the panel survive a reload, and the file on disk has them', async ({ page }) => {
    const stack = await startRealStack({ cloud: false, settings: { firstRunDone: true } });
    try {
      await openMain(page, stack.app.pageUrl);
      await page.getByRole('button', { name: 'Settings' }).click();
      const dialog = page.getByRole('dialog', { name: 'Settings' });
      // Every change applies at once: no Save button to forget.
      await dialog.getByRole('tab', { name: 'Translation' }).click();
      await dialog.getByLabel('Translate to').selectOption('fr');
      await expect(dialog.getByText('Saved: Translate to.')).toBeVisible();
      await dialog.getByRole('tab', { name: 'Appearance' }).click();
      await dialog.getByLabel('Caption size').selectOption('large');
      await expect(dialog.getByText('Saved: Caption size.')).toBeVisible();

      await page.reload();
      await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-caption-size', 'large');
      await page.getByRole('button', { name: 'Settings' }).click();
      await dialog.getByRole('tab', { name: 'Translation' }).click();
      await expect(dialog.getByLabel('Translate to')).toHaveValue('fr');
      await dialog.getByRole('tab', { name: 'Appearance' }).click();
      await expect(dialog.getByLabel('Caption size')).toHaveValue('large');

      const onDisk = JSON.parse(await readFile(path.join(stack.userDataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
      expect(onDisk).toMatchObject({ targetLanguage: 'fr', captionSize: 'large', firstRunDone: true });
    } finally {
      await page.close(); // before the host goes: a page left open logs its reconnect attempts as errors
      await stack.close();
    }
  });
});

test.describe('real engine: a corrupt settings file', () => {
  test.skip(unavailable !== null, `virtual microphone unavailable: ${unavailable}`);
  test.describe.configure({ mode: 'serial' });
  let stack: RealStack;
  test.beforeAll(async () => {
    test.setTimeout(90_000);
    stack = await startRealStack({ cloud: false, settingsFileText: '{"allLocal": false, "targetLanguage": "de", oops' });
  });
  test.afterAll(async () => {
    await stack?.close();
  });

  test('5a. the engine starts with defaults, keeps the broken file aside, and the app opens', async ({ page }) => {
    await page.goto(stack.app.pageUrl);
    // Defaults: the first-run screen (firstRunDone false), all-local on, no target language.
    await expect(page.getByRole('heading', { name: 'Which languages?' })).toBeVisible();
    const settings = await stack.app.api.invoke('settings.get', {});
    expect(settings).toMatchObject({ allLocal: true, targetLanguage: null, firstRunDone: false, captionSize: 'medium' });
    const kept = (await readdir(stack.userDataDir)).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(path.join(stack.userDataDir, kept[0]!), 'utf8')).toContain('oops');
    await page.close();
  });

  test('5b. a visible notice says what happened', async ({ page }) => {
    // The engine replays the notice to each window that subscribes (the host subscribes per client).
    await page.goto(stack.app.pageUrl);
    await expect(page.getByRole('heading', { name: 'Which languages?' })).toBeVisible();
    const notice = page.locator('.notice[data-code="settings_corrupt"]');
    await page.screenshot({ path: await screenPath('corrupt-settings.png') });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('started with default settings');
    await expect(notice).toContainText('not valid JSON');
    await page.close();
  });
});

/** What the caption shows for a translation: the text, or the "(no translation)" marker for an empty one. */
function shownTranslation(translation: string): string {
  return translation === '' ? '(no translation)' : translation;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
