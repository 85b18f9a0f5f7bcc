import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '../../test-support/hosts/sotto-test';

/** Rules that fail the test whatever axe's impact says: the findings were a missing h1 and content outside landmarks. */
const ALWAYS = new Set(['page-has-heading-one', 'region', 'landmark-one-main', 'aria-prohibited-attr', 'color-contrast']);

/**
 * axe-core on the page as it is now, in the light and the dark theme (the "system" theme follows the emulated scheme):
 * no serious or critical violation, and none of the rules above. Motion is reduced for the scan so a transition
 * caught mid-way cannot fake a contrast failure; the emulation is restored after.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS.has(v.id));
    const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')).join(' | ')}`);
    expect(report, `axe on "${state}" in the ${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null, reducedMotion: null });
}
