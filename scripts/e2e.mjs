#!/usr/bin/env node
// Browser test: boots the portal on fresh embedded data, opens every family's
// page and one entity tab per family in Debian's Chromium, and checks that
// content from the backend is rendered. Screenshots go to e2e-artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import {
  chromiumPath as executablePath,
  ensureSignedIn,
  launchChromium,
} from './lib/browser.mjs';
import { repoRoot, startPortal } from './lib/portal.mjs';

const artifacts = path.join(repoRoot, 'e2e-artifacts');
const portalLog = path.join(artifacts, 'portal.log');

/**
 * Each check opens a path and waits for texts that only the backend's data
 * can produce (seeded rows, measured database tables, real probe results).
 */
const checks = [
  {
    name: 'release-orchestration page',
    path: '/releases',
    expect: ['eu-west-1', 'us-east-1'],
  },
  {
    name: 'deployment-rollback page',
    path: '/deployments',
    expect: ['payments-api', '2.5.1'],
  },
  {
    name: 'infra-health page',
    path: '/infra-health',
    expect: ['payments-api readiness', 'ledger-worker metrics'],
  },
  {
    name: 'devops-inspector page',
    path: '/devops-inspector',
    expect: ['Development', 'UAT'],
  },
  {
    name: 'release-orchestration entity tab (cluster-eu-west)',
    path: '/catalog/default/resource/cluster-eu-west/releases',
    expect: ['tenant-'],
  },
  {
    name: 'deployment-rollback entity tab (payments-api)',
    path: '/catalog/default/component/payments-api/deployments',
    expect: ['2.5.0', 'Deployment history'],
  },
  {
    name: 'infra-health entity tab (payments-api)',
    path: '/catalog/default/component/payments-api/health',
    expect: ['payments-api readiness'],
  },
  {
    name: 'release-orchestration releases list',
    path: '/releases',
    expect: ['Releases (2)', '2026.11', '2026.12'],
  },
  {
    name: 'release-orchestration clusters page',
    path: '/releases/clusters',
    expect: ['Clusters (2)', 'EU West 1'],
  },
  {
    name: 'entity overview: Component payments-api',
    path: '/catalog/default/component/payments-api',
    expect: ['About', 'Accepts, captures and refunds payments.'],
  },
  {
    name: 'entity overview: cluster Resource cluster-eu-west',
    path: '/catalog/default/resource/cluster-eu-west',
    expect: ['About', 'Primary Kubernetes cluster in eu-west-1.'],
  },
  {
    name: 'entity overview: database Resource payments-db-dev',
    path: '/catalog/default/resource/payments-db-dev',
    expect: ['About', 'PostgreSQL database opshub_demo_dev'],
  },
  {
    name: 'infra-health alert feed',
    path: '/infra-health/alerts',
    expect: ['HighErrorRate', 'ConsumerLagHigh', 'bruno.costa'],
  },
  {
    name: 'devops-inspector entity tab (payments-db-dev)',
    path: '/catalog/default/resource/payments-db-dev/inspector',
    expect: ['payments', 'ledger_entries'],
  },
];

/**
 * Every page error and every 4xx/5xx response the page receives is a
 * problem, unless it is listed here with the reason it is expected.
 */
const expectedFailures = [
  // the guest provider's first refresh before sign-in answers 401 by design
  { status: 401, url: /\/api\/auth\/guest\/refresh/ },
];

function watchProblems(page) {
  const problems = [];
  page.on('pageerror', error =>
    problems.push(`page error: ${error.message.split('\n')[0]}`),
  );
  page.on('response', response => {
    const status = response.status();
    if (status < 400) return;
    const url = response.url();
    if (expectedFailures.some(e => e.status === status && e.url.test(url))) {
      return;
    }
    problems.push(`${status} ${response.request().method()} ${url}`);
  });
  return {
    /** Problems since the last call; the next check starts clean. */
    take: () => problems.splice(0),
  };
}

function assertNoProblems(problems) {
  if (problems.length) {
    throw new Error(
      `${problems.length} problem(s) on the page: ${problems
        .slice(0, 5)
        .join('; ')}`,
    );
  }
}

/**
 * devops-inspector: open the DevOps drawer from the environment badge, check
 * its measured content, close it with Escape; then compare the demo
 * databases (local against dev and uat) in the drift matrix: the planted
 * drift, a filter, a search, a row's detail and copying its SQL. Then a
 * snapshot of local: taken, downloaded as a snapshot file, and compared with
 * dev as the source.
 */
async function inspectorDrawerAndCompare(page, appUrl) {
  await page.goto(`${appUrl}/catalog`, { waitUntil: 'domcontentloaded' });
  await ensureSignedIn(page, 60_000);
  await page.getByRole('button', { name: /Open the DevOps console/ }).click();
  const drawer = page.getByRole('dialog', { name: 'DevOps console' });
  await drawer.waitFor({ timeout: 30_000 });
  for (const text of [
    'Health',
    'Environment',
    'Database',
    'Config',
    process.version,
  ]) {
    await drawer
      .getByText(text, { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
  }
  await page.screenshot({ path: path.join(artifacts, 'devops-drawer.png') });
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'hidden', timeout: 10_000 });

  // the drift matrix: local (preselected by the URL, as the drawer's link
  // does) against dev and uat, run as a job with progress
  await page.goto(`${appUrl}/devops-inspector/compare?source=local`, {
    waitUntil: 'domcontentloaded',
  });
  await ensureSignedIn(page, 60_000);
  // the compare form's source (the row counts card below has a Source too)
  const source = page.locator('#schema-compare-source');
  await source.waitFor({ timeout: 30_000 });
  if ((await source.inputValue()) !== 'local') {
    throw new Error(
      `?source=local did not preselect the source: ${await source.inputValue()}`,
    );
  }
  await page.getByLabel('dev', { exact: true }).check({ timeout: 30_000 });
  await page.getByLabel('uat', { exact: true }).check();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  const matrix = page.getByTestId('drift-matrix');
  await matrix.waitFor({ timeout: 60_000 });
  // dev dropped the disputes table; uat lacks the enum value 'disputed'
  for (const text of ['public.disputes', 'public.payment_status', 'breaking']) {
    await matrix
      .getByText(text, { exact: false })
      .first()
      .waitFor({ timeout: 30_000 });
  }
  for (const target of ['dev', 'uat']) {
    await page
      .getByRole('region', { name: `Summary for ${target}` })
      .waitFor({ timeout: 10_000 });
  }
  const rowNamed = label =>
    matrix.getByTestId('drift-row').filter({
      has: page.getByRole('button', { name: label, exact: true }),
    });
  // filter: only removed objects, so the dropped table stays and the
  // changed default of accounts.currency goes
  await page.getByLabel('Change', { exact: true }).selectOption('removed');
  await rowNamed('public.disputes').waitFor({ timeout: 10_000 });
  await rowNamed('public.accounts.currency').waitFor({
    state: 'detached',
    timeout: 10_000,
  });
  await page.getByLabel('Change', { exact: true }).selectOption('');
  await page.getByLabel('Search by name', { exact: true }).fill('currency');
  const currency = rowNamed('public.accounts.currency');
  await currency.waitFor({ timeout: 10_000 });
  await rowNamed('public.disputes').waitFor({
    state: 'detached',
    timeout: 10_000,
  });
  // open the row: definitions side by side and the SQL per target
  await currency
    .getByRole('button', { name: 'public.accounts.currency', exact: true })
    .click();
  const detail = page.getByRole('dialog');
  await detail
    .getByText('column public.accounts.currency')
    .waitFor({ timeout: 10_000 });
  await detail
    .getByRole('table', { name: 'Definitions side by side' })
    .locator('[data-differs="true"]')
    .first()
    .waitFor({ timeout: 10_000 });
  const sql = detail.getByTestId('difference-sql-dev');
  await sql.waitFor({ timeout: 10_000 });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: new URL(appUrl).origin,
  });
  await sql.getByRole('button', { name: 'Copy text' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  if (!/currency/i.test(copied) || !/ALTER TABLE/i.test(copied)) {
    throw new Error(`Copy put something else on the clipboard: ${copied}`);
  }
  await page.screenshot({
    path: path.join(artifacts, 'devops-inspector-compare.png'),
    fullPage: true,
  });
  // the copy button's "copied" tooltip takes the first Escape: close it
  // with its button
  await detail
    .getByRole('button', { name: 'Close difference details' })
    .click();
  await detail.waitFor({ state: 'hidden', timeout: 10_000 });

  // a snapshot of local, then the snapshot as the source: downloaded as a
  // snapshot file, and compared with dev like the live database
  const label = `e2e baseline ${Date.now()}`;
  await page
    .getByRole('button', { name: 'Take snapshot', exact: true })
    .click();
  const take = page.getByRole('dialog');
  await take.getByLabel('Label (optional)').fill(label);
  await take
    .getByRole('button', { name: 'Take snapshot', exact: true })
    .click();
  await take.waitFor({ state: 'hidden', timeout: 30_000 });
  const option = source.locator('option', { hasText: label });
  await option.waitFor({ state: 'attached', timeout: 30_000 });
  await source.selectOption(await option.getAttribute('value'));
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page
      .getByRole('button', { name: 'Download snapshot', exact: true })
      .click(),
  ]);
  const file = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  if (
    file.format !== 'opshub-schema-snapshot' ||
    !file.source.includes(label) ||
    !file.snapshot.objects.some(o => o.name === 'disputes')
  ) {
    throw new Error(
      `the downloaded snapshot file is not a snapshot of local: ${JSON.stringify(
        file,
      ).slice(0, 300)}`,
    );
  }
  if (
    !/^schema-snapshot-local-\d{8}T\d{6}Z\.json$/.test(
      download.suggestedFilename(),
    )
  ) {
    throw new Error(`unexpected file name ${download.suggestedFilename()}`);
  }
  await page.getByLabel('uat', { exact: true }).uncheck();
  await page.getByLabel('dev', { exact: true }).check();
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  // the new result names the snapshot as its source
  await page
    .getByText(new RegExp(`\\(${label}\\) against dev$`))
    .waitFor({ timeout: 60_000 });
  await page.getByLabel('Search by name', { exact: true }).fill('');
  await rowNamed('public.disputes').waitFor({ timeout: 30_000 });
}

/**
 * deployment-rollback: roll payments-api back in prod (2.4.0 -> 2.3.0) from
 * its entity tab. The dev-only demo deployer behind the generic executor
 * reports in_progress and then succeeded through the signed webhook; the
 * open page must show the new version through the signal, without a reload.
 */
async function rollbackLive(page, appUrl) {
  await page.goto(
    `${appUrl}/catalog/default/component/payments-api/deployments`,
    { waitUntil: 'domcontentloaded' },
  );
  await ensureSignedIn(page, 60_000);
  // the prod card: the innermost element with the title and a Rollback
  // button (the history below has 'prod' cells but no buttons)
  const card = page
    .locator('div')
    .filter({ has: page.getByText('prod', { exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Rollback' }) })
    .last();
  await card.getByText('Rollback target: 2.3.0').waitFor({ timeout: 60_000 });
  await card.getByText('2.4.0', { exact: true }).waitFor({ timeout: 10_000 });
  // a marker that a reload would lose
  await page.evaluate(() => {
    window.__opshubNoReload = true;
  });
  await card.getByRole('button', { name: 'Rollback' }).click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByText('Roll back payments-api in prod to 2.3.0')
    .waitFor({ timeout: 10_000 });
  await dialog
    .getByLabel('Reason')
    .fill('browser test: checkout errors after 2.4.0');
  await dialog.getByRole('button', { name: 'Roll back to 2.3.0' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
  // the demo deployer reports in_progress, then succeeded: prod runs 2.3.0
  await card.getByText('2.3.0', { exact: true }).waitFor({ timeout: 60_000 });
  const stillOpen = await page.evaluate(() => window.__opshubNoReload === true);
  if (!stillOpen) {
    throw new Error(
      'the page reloaded: the new deployment did not arrive live',
    );
  }
  await page.screenshot({
    path: path.join(artifacts, 'deployment-rollback-live-rollback.png'),
    fullPage: true,
  });
}

/**
 * infra-health: acknowledge the firing demo alert HighLatencyP95 in the
 * alert feed; a second page with the feed open must show it acknowledged
 * through the signal, without a reload.
 */
async function acknowledgeAlertLive(page, appUrl) {
  const summary = 'checkout-web p95 latency is 2.3 s';
  const watcher = await page.context().newPage();
  try {
    await watcher.goto(`${appUrl}/infra-health/alerts`, {
      waitUntil: 'domcontentloaded',
    });
    await ensureSignedIn(watcher, 60_000);
    const watched = watcher.getByRole('row').filter({ hasText: summary });
    await watched
      .getByText('firing', { exact: true })
      .waitFor({ timeout: 60_000 });
    await watcher.evaluate(() => {
      window.__opshubNoReload = true;
    });

    await page.goto(`${appUrl}/infra-health/alerts`, {
      waitUntil: 'domcontentloaded',
    });
    await ensureSignedIn(page, 60_000);
    await page
      .getByRole('button', { name: 'Acknowledge HighLatencyP95' })
      .click({ timeout: 30_000 });
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Comment')
      .fill('browser test: looking at the slow checkout');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });

    await watched
      .getByText('acknowledged', { exact: true })
      .waitFor({ timeout: 30_000 });
    const stillOpen = await watcher.evaluate(
      () => window.__opshubNoReload === true,
    );
    if (!stillOpen) {
      throw new Error(
        'the watching page reloaded: the change did not arrive live',
      );
    }
    await watcher.screenshot({
      path: path.join(artifacts, 'infra-health-alert-acknowledged-live.png'),
      fullPage: true,
    });
  } finally {
    await watcher.close();
  }
}

// ---- release-orchestration: one step through done, reverted and skipped ----
// Opens the demo release 2026.11 from the releases list (its id is not known
// here), then walks one pending step of Stark Industries through
// done -> reverted -> pending -> skipped in the step panel, checking the
// panel and the matrix after each write. Counted like one check.
const releaseWalk = {
  name: 'release-orchestration dashboard: step through done, reverted, skipped',
  step: 'Roll out payments-api 2.6.0',
  customer: 'Stark Industries',
};

async function walkReleaseStep(page, appUrl) {
  const started = Date.now();
  const shot = suffix =>
    path.join(artifacts, `release-orchestration-walk-${suffix}.png`);
  const cell = status =>
    page.getByRole('button', {
      name: `${releaseWalk.step} for ${releaseWalk.customer}: ${status}`,
    });
  const panelStatus = async status => {
    // the chip of the panel, next to the source chip
    await page
      .getByTestId('step-detail-panel')
      .getByText(status, { exact: true })
      .first()
      .waitFor({ timeout: 15_000 });
  };
  const click = async name => {
    const button = page
      .getByTestId('step-detail-panel')
      .getByRole('button', { name, exact: true });
    await button.waitFor({ timeout: 15_000 });
    await button.click();
  };
  const reason = async text => {
    const field = page.locator('#step-action-text');
    await field.waitFor({ timeout: 15_000 });
    await field.fill(text);
  };
  try {
    let lastError;
    for (let attempt = 0; attempt < 6; attempt++) {
      try {
        await page.goto(`${appUrl}/releases`, {
          waitUntil: 'domcontentloaded',
        });
        await page
          .getByRole('link', { name: '2026.11', exact: true })
          .click({ timeout: 15_000 });
        await page
          .getByRole('grid', { name: 'Steps of eu-west-1' })
          .waitFor({ timeout: 15_000 });
        await cell('pending').waitFor({ timeout: 15_000 });
        lastError = undefined;
        break;
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError) throw lastError;
    await page.screenshot({ path: shot('1-dashboard'), fullPage: true });

    await cell('pending').click();
    await panelStatus('pending');
    await click('Mark done');
    await panelStatus('done');
    await page.screenshot({ path: shot('2-done'), fullPage: true });

    await reason('e2e: rolled back');
    await click('Revert');
    await panelStatus('reverted');
    await page.screenshot({ path: shot('3-reverted'), fullPage: true });

    await click('Reopen');
    await panelStatus('pending');
    await reason('e2e: not needed for this customer');
    await click('Skip');
    await panelStatus('skipped');
    await page
      .getByTestId('step-detail-panel')
      .getByText('e2e: not needed for this customer')
      .first()
      .waitFor({ timeout: 15_000 });
    await page.screenshot({ path: shot('4-skipped'), fullPage: true });

    await page.getByRole('button', { name: 'Close step details' }).click();
    await cell('skipped').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: shot('5-matrix'), fullPage: true });
    console.log(
      `ok     ${releaseWalk.name} (${((Date.now() - started) / 1000).toFixed(
        1,
      )} s) -> ${path.relative(repoRoot, shot('5-matrix'))}`,
    );
    return true;
  } catch (error) {
    await page
      .screenshot({ path: shot('failed'), fullPage: true })
      .catch(() => {});
    console.log(
      `FAILED ${releaseWalk.name}: ${
        error.message.split('\n')[0]
      } (screenshot ${path.relative(repoRoot, shot('failed'))})`,
    );
    return false;
  }
}

async function run() {
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install chromium, or set OPSHUB_CHROMIUM`,
    );
  }
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });
  const stateDir = path.join(repoRoot, '.opshub/e2e');
  fs.rmSync(stateDir, { recursive: true, force: true });
  const logStream = fs.createWriteStream(portalLog);
  const t0 = Date.now();
  const portal = await startPortal({
    stateDir,
    ports: { pg: 56432, backend: 17007, app: 13000 },
    log: line => {
      console.log(line);
      logStream.write(`${line}\n`);
    },
    childLog: line => logStream.write(`${line}\n`),
  });
  console.log(`portal served after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const browser = await launchChromium();
  let passed = 0;
  let failed = 0;
  const consoleErrors = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
    });
    const page = await context.newPage();
    page.on('console', msg => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', error => consoleErrors.push(error.message));
    const problems = watchProblems(page);
    // the first load waits for the dev server to finish bundling
    await page.goto(portal.appUrl, { waitUntil: 'domcontentloaded' });
    try {
      await ensureSignedIn(page, 180_000);
    } catch (error) {
      await page.screenshot({
        path: path.join(artifacts, 'sign-in.png'),
        fullPage: true,
      });
      const text = (
        await page
          .locator('body')
          .innerText()
          .catch(() => '')
      ).slice(0, 500);
      throw new Error(
        `sign-in did not complete (page text: ${JSON.stringify(text)}): ${
          error.message.split('\n')[0]
        }`,
      );
    }
    problems.take();
    for (const check of checks) {
      const started = Date.now();
      const shot = path.join(
        artifacts,
        `${check.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`,
      );
      try {
        // the catalog ingests examples/ and the prober takes its first
        // samples shortly after start, so reload until the data is there;
        // only the attempt that shows the data is judged for problems
        let lastError;
        for (let attempt = 0; attempt < 6; attempt++) {
          problems.take();
          await page.goto(`${portal.appUrl}${check.path}`, {
            waitUntil: 'domcontentloaded',
          });
          try {
            for (const text of check.expect) {
              await page
                .getByText(text, { exact: false })
                .first()
                .waitFor({ timeout: 15_000 });
            }
            lastError = undefined;
            break;
          } catch (error) {
            lastError = error;
          }
        }
        if (lastError) throw lastError;
        // let late requests of the page settle before judging it
        await page.waitForLoadState('networkidle').catch(() => {});
        assertNoProblems(problems.take());
        await page.screenshot({ path: shot, fullPage: true });
        passed++;
        console.log(
          `ok     ${check.name} (${((Date.now() - started) / 1000).toFixed(
            1,
          )} s) -> ${path.relative(repoRoot, shot)}`,
        );
      } catch (error) {
        failed++;
        problems.take();
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        console.log(
          `FAILED ${check.name}: expected ${JSON.stringify(check.expect)} at ${
            check.path
          }: ${error.message.split('\n')[0]} (screenshot ${path.relative(
            repoRoot,
            shot,
          )})`,
        );
      }
    }
    const flows = [
      [
        'devops-inspector drawer and drift matrix of the demo databases',
        () => inspectorDrawerAndCompare(page, portal.appUrl),
      ],
      [
        'deployment-rollback: roll back payments-api in prod, live',
        () => rollbackLive(page, portal.appUrl),
      ],
      [
        'infra-health: acknowledge a demo alert, seen live on another page',
        () => acknowledgeAlertLive(page, portal.appUrl),
      ],
    ];
    for (const [name, flow] of flows) {
      const started = Date.now();
      try {
        problems.take();
        await flow();
        await page.waitForLoadState('networkidle').catch(() => {});
        assertNoProblems(problems.take());
        passed++;
        console.log(
          `ok     ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      } catch (error) {
        failed++;
        const shot = path.join(
          artifacts,
          `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-failure.png`,
        );
        await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
        console.log(
          `FAILED ${name}: ${
            error.message.split('\n')[0]
          } (screenshot ${path.relative(repoRoot, shot)})`,
        );
      }
    }
    // after the checks: a write scenario on the demo release
    problems.take();
    const walked = await walkReleaseStep(page, portal.appUrl);
    const walkProblems = problems.take();
    if (walked && walkProblems.length) {
      console.log(
        `FAILED ${releaseWalk.name}: ${
          walkProblems.length
        } problem(s) on the page: ${walkProblems.slice(0, 5).join('; ')}`,
      );
    }
    if (walked && walkProblems.length === 0) {
      passed++;
    } else {
      failed++;
    }
  } finally {
    if (consoleErrors.length) {
      fs.writeFileSync(
        path.join(artifacts, 'browser-console-errors.log'),
        consoleErrors.join('\n'),
      );
    }
    await browser.close();
    await portal.stop();
    logStream.end();
  }
  console.log(
    `browser test: ${passed} passed, ${failed} failed (portal log: ${path.relative(
      repoRoot,
      portalLog,
    )})`,
  );
  return failed === 0;
}

run().then(
  ok => process.exit(ok ? 0 : 1),
  error => {
    console.error(`browser test could not run: ${error.message}`);
    process.exit(1);
  },
);
