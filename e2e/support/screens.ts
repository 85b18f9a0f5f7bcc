import type { Page } from '@playwright/test';
import { expect } from '../../test-support/hosts/sotto-test';
import { screenPath } from './ui';

export const REVIEW_WIDTHS = [320, 480, 1280] as const;

/**
 * Screenshots of the page as it is now at 320, 480 and 1280 px, light and dark (for a person to look at), and at each
 * width no sideways scrolling. `prepare` runs before each shot (to show hover-only controls, say).
 */
export async function shootAtWidths(page: Page, name: string, height: (width: number) => number, prepare: () => Promise<void> = async () => undefined): Promise<void> {
  for (const width of REVIEW_WIDTHS) {
    await page.setViewportSize({ width, height: height(width) });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await prepare();
      await page.waitForTimeout(300); // colours change with a short transition
      await page.screenshot({ path: await screenPath(`${name}-${width}-${colorScheme}.png`) });
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no sideways scroll at ${width} px`).toBe(true);
  }
}
