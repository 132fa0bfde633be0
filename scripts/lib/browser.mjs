// Debian's Chromium through playwright-core, as the browser test and the
// render benchmark use it.
import fs from 'node:fs';
import { chromium } from 'playwright-core';

export const chromiumPath = process.env.OPSHUB_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags of a quiet, sandbox-less run. */
export async function launchChromium() {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: apt-get install chromium, or set OPSHUB_CHROMIUM`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * Development sign-in is the guest provider: click "Enter" whenever the
 * sign-in page shows, then wait for the sidebar of the signed-in app.
 */
export async function ensureSignedIn(page, timeout) {
  const enter = page.getByRole('button', { name: /^enter$/i });
  const sidebar = page.locator('[aria-label="sidebar nav"]');
  await Promise.race([
    enter.waitFor({ timeout }),
    sidebar.waitFor({ state: 'attached', timeout }),
  ]).catch(() => {});
  if (await enter.isVisible()) {
    await enter.click();
  }
  await sidebar.waitFor({ state: 'attached', timeout });
}
