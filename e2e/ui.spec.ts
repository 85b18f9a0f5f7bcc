// The renderer in Chromium over the real WebSocket adapter and dev host. The engine here is the
// test-only scripted engine (deterministic captions and ledger, no microphone): the scenarios with the
// real engine (virtual mic, Whisper, cloud server) reuse the same fixtures with the default engine.
// Screens of their own: ledger.spec.ts, settings.spec.ts, first-run.spec.ts, screens.spec.ts (layout at each width).
import { test, expect } from '../test-support/hosts/sotto-test';
import { RENDERER_DIST } from '../test-support/hosts/app-host';
import { startWsHost } from '../electron/engine/host/ws-host';
import { expectAccessible } from './support/axe';
import { engineOf, expectNewestLineInView, openMain, scripted, scriptedReady, leavePagesBeforeHostsClose } from './support/ui';

leavePagesBeforeHostsClose();

test.describe('main screen', () => {
  test.use({ appHostOptions: { engine: scriptedReady(), settings: { firstRunDone: true, targetLanguage: 'de' } } });

  test('renders, and push-to-talk by keyboard yields a final line with its lane and latency', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    await expect(page.getByText('no audio or text leaves this device')).toBeVisible();
    await expect(page.getByText('No captions yet')).toBeVisible();
    await expect(page.locator('[data-endpoint="blocked"]')).toContainText('Cloud blocked');
    await expect(page.getByRole('heading', { level: 1, name: 'Sotto' })).toBeVisible();
    await expectAccessible(page, 'main screen, empty');

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
    await expectAccessible(page, 'main screen, one line');
  });

  test('pointer hold presses and releases', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const ptt = page.getByRole('button', { name: /hold to talk/i });
    const box = (await ptt.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect(ptt).toHaveAttribute('aria-pressed', 'true');
    await expect(ptt).toContainText('Microphone on… release to finish');
    await page.mouse.up();
    await expect(page.locator('.caption.final')).toHaveCount(1);
  });

  test('a partial is provisional, legible, and replaced in place by its final', async ({ page, appHost }, testInfo) => {
    await openMain(page, appHost.pageUrl);
    const engine = engineOf(appHost);
    engine.emit({ type: 'caption.partial', id: 'p1', stage: 'transcribing', committed: 'The new office', tentative: ' opens in Mar', language: 'en', start_ms: 0, end_ms: 900, translation: null, lane: null });
    engine.emit({ type: 'caption.partial', id: 'p2', stage: 'translating', committed: 'A second line.', tentative: '', language: 'en', start_ms: 0, end_ms: 900, translation: 'Eine zweite', lane: 'device' });
    const line = page.locator('[data-caption-id="p1"]');
    await expect(line).toHaveClass(/partial/);
    await expect(line).toHaveAttribute('aria-busy', 'true');
    await expect(line.locator('.committed')).toHaveText('The new office');
    await expect(line.locator('.tentative')).toHaveText('opens in Mar');
    expect(await line.locator('.tentative').evaluate((el) => getComputedStyle(el).fontStyle)).toBe('italic');
    // The finding: partial text at 2.93:1 and the streaming translation at 3.32:1. axe checks both themes now.
    await expectAccessible(page, 'partial and streaming captions');
    await page.locator('.caption-list-wrap').screenshot({ path: testInfo.outputPath('partial-caption.png') });
    await engine.invoke('text.translate', { text: 'unrelated' }); // another line in between
    engine.emit({
      type: 'caption.final', id: 'p1', text: 'The new office opens in March.', language: 'en', start_ms: 0, end_ms: 1500,
      confidence: { mean_token_prob: 0.9, no_speech_prob: 0.01 }, timings: { audio_ms: 1500, asr_ms: 200, translate_ms: 600, total_ms: 840 },
      target_language: 'de', translation: 'Das neue Büro öffnet im März.', lane: 'device', lane_reason: 'long line',
      fallback: true, fallback_reason: 'the endpoint timed out', redaction: null, bytes: { audio: 48000, transcript: 30, sent: 512, received: 0 },
      cloud: { endpoint: 'https://api.example', requests: 1, usage: null },
    });
    await expect(line).toHaveClass(/final/);
    await expect(line.locator('.caption-source')).toHaveText('The new office opens in March.');
    await expect(page.locator('.caption')).toHaveCount(3);
    await expect(page.locator('.caption').first()).toHaveAttribute('data-caption-id', 'p1');
    await expect(line.locator('.lane-badge')).toHaveAttribute('title', /the endpoint timed out/);
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

  test('follow-live holds across a caption-size change and notices, which never cover the newest line', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const engine = engineOf(appHost);
    for (let i = 0; i < 20; i++) await engine.invoke('text.translate', { text: `Line number ${i} of a longer conversation.` });
    await expect(page.locator('.caption')).toHaveCount(20);
    await expectNewestLineInView(page);
    // The quick caption-size control on the main screen: the lines grow, the newest stays in view.
    await page.getByRole('button', { name: 'Large captions' }).click();
    await expect(page.locator('html')).toHaveAttribute('data-caption-size', 'large');
    await expect(page.getByRole('button', { name: 'Large captions' })).toHaveAttribute('aria-pressed', 'true');
    await expectNewestLineInView(page);
    // Notices push the captions down (in the flow); the newest line is re-pinned, not hidden under them.
    for (const code of ['a', 'b', 'c']) engine.emit({ type: 'notice', level: 'warning', code, message: `Notice ${code}: something the user should read.` });
    await expect(page.locator('.notice')).toHaveCount(3);
    await expectNewestLineInView(page);
    const covered = await page.evaluate(() => {
      const lines = document.querySelectorAll('.caption');
      const r = lines[lines.length - 1]!.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + 10, r.top + r.height / 2);
      return hit ? !hit.closest('.caption') : true;
    });
    expect(covered).toBe(false);
    expect(engine.calls).toContainEqual({ command: 'settings.update', request: { patch: { captionSize: 'large' } } });
  });

  test('the caption list is one Tab stop; arrow keys move inside; a focused line shows its own bytes', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const engine = engineOf(appHost);
    for (let i = 0; i < 30; i++) await engine.invoke('text.translate', { text: `Line ${i}.` });
    await expect(page.locator('.caption')).toHaveCount(30);
    // Badges and latency were Tab stops before (2–3 per line): now the whole list is exactly one.
    expect(await page.locator('.caption-list [tabindex="0"]').count()).toBe(1);
    expect(await page.locator('.caption-list [tabindex]:not([tabindex="-1"])').count()).toBe(1);
    await page.getByRole('button', { name: 'Large captions' }).focus();
    await page.keyboard.press('Tab');
    const newest = page.locator('.caption').last();
    await expect(newest).toBeFocused();
    await expect(newest.getByTestId('caption-bytes')).toHaveText('Text stayed on this device (0 B sent).');
    await page.keyboard.press('ArrowUp');
    await expect(page.locator('.caption').nth(28)).toBeFocused();
    await page.keyboard.press('Home');
    await expect(page.locator('.caption').first()).toBeFocused();
    await page.keyboard.press('End');
    await expect(newest).toBeFocused();
    // One Tab more leaves the list for the talk button: 30 lines cost one stop.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /hold to talk/i })).toBeFocused();
    await expectAccessible(page, 'thirty lines');
  });

  test('engine errors show a short message, what to do, and details on demand; they can be dismissed', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    engineOf(appHost).emit({ type: 'error', code: 'mic_unavailable', message: 'The microphone stopped delivering audio.', action: 'Check that it is plugged in, then press talk again.', recoverable: false, caption_id: null });
    const alert = page.getByRole('alert').filter({ hasText: 'microphone stopped' });
    await expect(alert).toContainText('Check that it is plugged in');
    const url = 'https://huggingface.co/ggerganov/whisper.cpp/resolve/5359861c739e955e79d9a303bcbc70fb988958b1/ggml-base.bin';
    engineOf(appHost).emit({ type: 'error', code: 'models.checksum', message: `Checksum mismatch for ${url}: expected 60ed5bc3dd14eea856493d334349b405782ddcaf0028d4b5df4088345fba2efe.`, action: 'Download it again.', recoverable: false, caption_id: null });
    const checksum = page.getByRole('alert').filter({ hasText: 'Checksum mismatch' });
    await expect(checksum.locator('.notice-message')).toHaveText('Checksum mismatch for huggingface.co: expected ….');
    await expect(checksum.getByText(url, { exact: false })).toBeHidden();
    await checksum.getByText('Details').click();
    await expect(checksum.getByText(url, { exact: false })).toBeVisible();
    await expectAccessible(page, 'notices');
    await alert.getByRole('button', { name: /Dismiss/ }).click();
    await expect(alert).toHaveCount(0);
  });

  test('a target language with no device translator says so and offers the download or the cloud', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    await appHost.engine.invoke('settings.update', { patch: { targetLanguage: 'fr' } });
    await page.getByLabel('Type a line to translate').fill('Where is the station?');
    await page.keyboard.press('Enter');
    const line = page.locator('.caption.final').last();
    // Before: "EN → FR · 0 ms" and nothing else.
    await expect(line.locator('.caption-translation')).toHaveText(/^Not translated: no local model for English→French \(all-local mode keeps the cloud off\)$/);
    const prompt = page.locator('.translator-missing');
    await expect(prompt).toContainText('No on-device translator for English → French');
    await expect(prompt.getByRole('button', { name: /Get OPUS-MT English → French \(size not listed\)/ })).toBeVisible();
    await expectAccessible(page, 'missing translator');
    await prompt.getByRole('button', { name: 'Use a cloud endpoint' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog.getByRole('tab', { name: 'Cloud' })).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await prompt.getByRole('button', { name: /Get OPUS-MT/ }).click();
    await expect(dialog.getByRole('tab', { name: 'Models' })).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.locator('[data-model-id="opus-mt-en-fr"]')).toBeVisible();
  });
});

test.describe('cloud lines', () => {
  test.use({ appHostOptions: { engine: scriptedReady(), openaiBaseUrl: 'http://127.0.0.1:9/v1', settings: { firstRunDone: true, targetLanguage: 'de', routing: { maxDeviceWords: 3 } } } });

  test('a fallback wears "Cloud failed → device" with the bytes that were sent; the status bar says the endpoint is failing', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const engine = engineOf(appHost);
    await engine.invoke('text.translate', { text: 'This line is long enough for the cloud.' });
    const cloudLine = page.locator('.caption.final').last();
    await expect(cloudLine.locator('.lane-badge')).toHaveText('Cloud');
    await expect(page.locator('[data-endpoint]')).toHaveAttribute('data-endpoint', 'reachable');
    engine.setCloudFault('unavailable');
    await engine.invoke('text.translate', { text: 'This one falls back because the server is down.' });
    const line = page.locator('.caption.final').last();
    // Before: the green "Device" badge, and no bytes anywhere on the line.
    await expect(line.locator('.lane-badge')).toHaveText('Cloud failed → device');
    await expect(line.locator('.lane-badge')).toHaveClass(/fallback/);
    await expect(line.locator('.lane-badge.device')).toHaveCount(0);
    await expect(line.locator('.wire')).toHaveText('↑ 447 B ↓ 180 B');
    await expect(line.locator('.wire')).toHaveAttribute('title', '447 bytes sent, 180 bytes received in 1 request to http://127.0.0.1:9');
    await expect(line.locator('.fallback-reason')).toHaveText('the endpoint answered 503 Service Unavailable');
    await line.click();
    await expect(line.getByTestId('caption-bytes')).toHaveText('Text sent to http://127.0.0.1:9 in 1 request: 447 B sent, 180 B received.');
    await expect(page.locator('[data-endpoint]')).toHaveAttribute('data-endpoint', 'failing');
    await expect(page.locator('[data-endpoint]')).toHaveText('Endpoint failing');
    await expectAccessible(page, 'fallback line');
  });
});

test.describe('microphone cue', () => {
  test.use({ appHostOptions: { engine: scriptedReady(), settings: { firstRunDone: true } } });

  test('the live dot animates only while the microphone is open, in both modes', async ({ page, appHost }) => {
    await openMain(page, appHost.pageUrl);
    const ptt = page.getByRole('button', { name: /hold to talk/i });
    const dotAnimation = () => page.locator('.mic-dot').evaluate((el) => getComputedStyle(el).animationName);
    // Before: the dot pulsed all the time, idle included.
    expect(await dotAnimation()).toBe('none');
    await ptt.focus();
    await page.keyboard.down('Space');
    await expect(ptt).toHaveAttribute('data-mic-open', 'true');
    expect(await dotAnimation()).toBe('pulse');
    await page.keyboard.up('Space');
    await expect(ptt).toHaveAttribute('data-mic-open', 'false');
    expect(await dotAnimation()).toBe('none');

    // Hands-free: the open microphone is a big, unmistakable control, not a second look-alike switch.
    await page.getByRole('switch', { name: 'Hands-free' }).click();
    const listen = page.getByRole('button', { name: /start listening/i });
    await expect(listen).toHaveAttribute('aria-pressed', 'false');
    expect(await dotAnimation()).toBe('none');
    await listen.click();
    const on = page.getByRole('button', { name: /microphone on — listening/i });
    await expect(on).toHaveAttribute('aria-pressed', 'true');
    expect(await dotAnimation()).toBe('pulse');
    await expectAccessible(page, 'hands-free, listening');
    await on.click();
    await expect(page.getByRole('button', { name: /start listening/i })).toBeVisible();
  });
});

test.describe('no speech model', () => {
  test.use({ appHostOptions: { engine: scripted(), settings: { firstRunDone: true } } });

  test('the talk button is disabled and says why before any press; the way out opens Models', async ({ page, appHost }) => {
    await page.goto(appHost.pageUrl);
    const ptt = page.getByRole('button', { name: /hold to talk/i });
    // Before: `disabled={false}` hard-coded; the error came only after a press.
    await expect(ptt).toBeDisabled();
    await expect(page.locator('#no-speech-model')).toHaveText(/No speech model is installed/);
    await expectAccessible(page, 'no speech model');
    await page.getByRole('button', { name: 'Get a speech model' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('tab', { name: 'Models' })).toHaveAttribute('aria-selected', 'true');
    expect(engineOf(appHost).calls.filter((c) => c.command === 'ptt.press')).toEqual([]);
  });
});

test.describe('keyboard and motion', () => {
  test.use({ appHostOptions: { engine: scriptedReady(), settings: { firstRunDone: true } } });

  test('everything is reachable by keyboard with a visible focus ring; focus comes back; reduced motion stops animations', async ({ page, appHost }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openMain(page, appHost.pageUrl);
    const settingsButton = page.getByRole('button', { name: 'Settings' });
    // The header's view buttons (History, Overlay) come first; Settings is a few Tab stops in.
    for (let i = 0; i < 5 && !(await settingsButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(settingsButton).toBeFocused();
    expect(await settingsButton.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // Before: focus dropped to <body>.
    await expect(settingsButton).toBeFocused();

    // Tab order reaches the talk button, then the hands-free switch.
    const ptt = page.getByRole('button', { name: /hold to talk/i });
    for (let i = 0; i < 10 && !(await ptt.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(ptt).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('switch', { name: 'Hands-free' })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByRole('switch', { name: 'Hands-free' })).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByRole('button', { name: /start listening/i })).toBeVisible();

    engineOf(appHost).emit({ type: 'caption.partial', id: 'm1', stage: 'transcribing', committed: 'Still', tentative: ' talking', language: 'en', start_ms: 0, end_ms: 500, translation: null, lane: null });
    const animation = await page.locator('[data-caption-id="m1"] .caption-source').evaluate((el) => getComputedStyle(el, '::after').animationName);
    expect(animation).toBe('none');
  });
});

test.describe('connection', () => {
  test.use({ appHostOptions: { engine: scriptedReady(), settings: { firstRunDone: true } } });

  test('says so when the engine goes away, reconnects by itself, and reloads the state', async ({ page, appHost, pageProblems }) => {
    await openMain(page, appHost.pageUrl);
    await appHost.host.close();
    const banner = page.getByRole('alert').filter({ hasText: 'Lost the connection to the Sotto engine' });
    await expect(banner).toBeVisible();
    await expectAccessible(page, 'connection lost');
    await appHost.engine.invoke('settings.update', { patch: { captionSize: 'large' } }); // changed while the window was away
    const again = await startWsHost(appHost.engine, { port: appHost.host.port, token: appHost.host.token, staticDir: RENDERER_DIST });
    try {
      // Reconnecting waits out the backoff (up to 5 s, then jitter): wait for the event, not for a fixed time.
      await expect(banner).toBeHidden({ timeout: 30_000 });
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

  test('a ?ws= socket address that is not this machine is refused, with the reason', async ({ page, appHost }) => {
    const url = new URL(appHost.pageUrl);
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    await page.goto(`${url.origin}/?token=${token}&ws=${encodeURIComponent('ws://attacker.example:9/sotto')}`);
    // Before: the page connected there and sent the token.
    await expect(page.getByTestId('ws-refused')).toContainText('not on attacker.example');
    await expect(page.getByRole('heading', { level: 1, name: 'Sotto is not connected' })).toBeVisible();
    await expectAccessible(page, 'refused socket address');
    await page.goto(`${url.origin}/?token=${token}&ws=${encodeURIComponent(`ws://127.0.0.1:${appHost.host.port}/sotto`)}`);
    await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
  });
});

test.describe('real engine', () => {
  test.use({ appProcessOptions: { settings: { firstRunDone: true } } });

  test('the main screen comes up over the real engine app (child process)', async ({ page, appProcess }, testInfo) => {
    await page.goto(appProcess.pageUrl);
    await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
    await expect(page.getByText('no audio or text leaves this device')).toBeVisible();
    await expect(page.getByRole('complementary', { name: 'Data ledger' })).toBeVisible();
    await expect(page.locator('[data-endpoint]')).toBeVisible();
    const status = await appProcess.api.invoke('status.get', {});
    await expect(page.locator('[data-engine-state]')).toHaveAttribute('data-engine-state', status.state);
    await expectAccessible(page, 'real engine main screen');
    await page.screenshot({ path: testInfo.outputPath('real-engine-main.png') });
  });
});
