import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '../../test-support/hosts/sotto-test';
import { REPO_ROOT } from '../../test-support/hosts/app-host';
import { createScriptedEngine, type ScriptedEngine, type ScriptedOptions } from '../../test-support/engines/scripted-engine';

/** The scripted engine as an app host's engine factory; `installed` models are there from the start. */
export const scripted = (options: ScriptedOptions = {}) => async () => createScriptedEngine({}, options);
/** A scripted engine whose speech model is installed (the main screen's normal state). */
export const scriptedReady = (options: ScriptedOptions = {}) => scripted({ installed: ['ggml-base'], ...options });
export const engineOf = (app: { engine: unknown }) => app.engine as ScriptedEngine;

export async function openMain(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('button', { name: /hold to talk/i })).toBeVisible();
}

/** Screenshots for review live beside Playwright's own output (which it empties per run), not inside it. */
export async function screenPath(name: string): Promise<string> {
  const dir = path.join(REPO_ROOT, 'test-results', 'screens');
  await mkdir(dir, { recursive: true });
  return path.join(dir, name);
}

/** Resolves when the newest caption line is fully inside the caption scroller's visible box. */
export async function expectNewestLineInView(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const scroller = document.querySelector('.caption-scroller')!.getBoundingClientRect();
        const lines = document.querySelectorAll('.caption');
        const last = lines[lines.length - 1]!.getBoundingClientRect();
        return last.top >= scroller.top - 1 && last.bottom <= scroller.bottom + 1;
      }),
    )
    .toBe(true);
}

/**
 * Leaves each page before the fixtures close its host: a page still open when the host goes logs its reconnect
 * attempts as console errors, and on a busy machine the time between the two is long enough for some (seen under
 * stress-ng). Call once at the top of a spec file.
 */
export function leavePagesBeforeHostsClose(): void {
  test.afterEach(async ({ page }) => {
    await page.goto('about:blank');
  });
}
