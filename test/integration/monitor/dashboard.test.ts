/**
 * The dashboard in a real browser (Debian's Chromium driven by playwright-core): the page of a
 * running monitor loads everything from the monitor itself (no CDN), its charts draw real data,
 * and the state badge turns CRITICAL when the stand-in sink stops. A screenshot is saved under
 * test-artifacts/ for a human to look at.
 */
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';
import { createTopic, deleteTopics, randomTopic, testKafka } from '../../helpers/kafka.js';
import { waitFor } from '../../helpers/wait.js';
import { connectedProducer, produceTo, randomId, runCleanups, startTestMonitor, type Cleanup } from './monitor-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(PROJECT_ROOT, 'test-artifacts', 'monitor-dashboard.png');

async function launchBrowser(cleanups: Cleanup[]): Promise<BrowserContext> {
  const profile = await mkdtemp(join(tmpdir(), 'bfmon-chromium-'));
  cleanups.push(() => rm(profile, { recursive: true, force: true }));
  // A fresh profile per run; no network beyond the monitor, no background services of the browser.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanups.push(() => context.close());
  return context;
}

const badgeText = (page: Page) => page.locator('#state-badge').innerText();

/** Waits, with a deadline, until the chart has a canvas and at least one drawn value. */
async function chartWithData(page: Page, id: string): Promise<{ series: number; points: number }> {
  return waitFor(async () => {
    const found = await page.evaluate((chartId) => {
      const figure = (globalThis as unknown as { document: { getElementById(x: string): { dataset: Record<string, string>; querySelector(s: string): unknown } | null } }).document.getElementById(chartId);
      if (figure === null || figure.querySelector('canvas') === null) return undefined;
      return { series: Number(figure.dataset.series ?? 0), points: Number(figure.dataset.points ?? 0) };
    }, id);
    return found !== undefined && found.series > 0 && found.points > 0 ? found : undefined;
  }, `chart ${id} to draw data`, { timeoutMs: 20_000, intervalMs: 100 });
}

describe('monitor dashboard in a real browser', function () {
  this.timeout(120_000);
  const cleanups: Cleanup[] = [];
  afterEach(() => runCleanups(cleanups));

  before(function () {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  });

  it('draws live charts from the running monitor and turns the badge CRITICAL when the pipeline stalls', async function () {
    const topic = randomTopic('bfmon.dash');
    const group = randomId('bfmon_dash');
    await createTopic(topic, 2);
    cleanups.push(async () => void (await deleteTopics([topic])));
    const kafka = testKafka('bfmon-dashboard-test');
    const producer = await connectedProducer(kafka, cleanups);
    const consumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    let received = 0;
    await consumer.run({ eachMessage: async () => void (received += 1) });

    const monitor = await startTestMonitor({
      MONITOR_GROUPS: group,
      MONITOR_TOPIC_PATTERN: `^${topic.replaceAll('.', '\\.')}$`,
      MONITOR_LAG_WARNING_SECONDS: '1',
      MONITOR_LAG_CRITICAL_SECONDS: '3',
      MONITOR_INTERVAL_MS: '250',
    }, cleanups);
    await produceTo(producer, topic, 0, 4);
    await produceTo(producer, topic, 1, 4);
    await waitFor(() => received === 8, 'the stand-in sink to consume');
    await monitor.until((s) => s.consumers.status === 'ok' && s.consumers.data[0]?.members === 1 && s.state !== 'critical', 'a healthy group');

    const context = await launchBrowser(cleanups);
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(monitor.url, { waitUntil: 'load' });

    await waitFor(async () => ['OK', 'WARNING'].includes(await badgeText(page)), 'the badge to show a healthy state', { timeoutMs: 20_000, intervalMs: 100 });
    const lagChart = await chartWithData(page, 'chart-lag-messages');
    expect(lagChart.series, 'one series per partition').to.equal(2);
    await chartWithData(page, 'chart-lag-seconds');
    await chartWithData(page, 'chart-wal');
    expect(await page.locator('#connectors tbody tr').count()).to.be.at.least(1);

    // The sink stops while changes keep arriving (a few per poll, alternating partitions): the
    // backlog grows and ages past the critical threshold.
    await consumer.disconnect();
    let produced = 0;
    await waitFor(async () => {
      await produceTo(producer, topic, produced++ % 2, 3);
      return (await badgeText(page)) === 'CRITICAL';
    }, 'the badge to turn CRITICAL', { timeoutMs: 20_000, intervalMs: 250 });
    expect(await page.locator('body').getAttribute('data-state')).to.equal('critical');
    const reasons = await page.locator('#reasons li.critical').allInnerTexts();
    expect(reasons.some((r) => r.includes(topic) && r.includes('old'))).to.equal(true);
    expect(await page.locator('#partitions tbody tr').count()).to.equal(2);

    await mkdir(join(PROJECT_ROOT, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors, 'no script errors').to.deep.equal([]);
    const foreign = requested.filter((url) => !url.startsWith(monitor.url));
    expect(foreign, 'everything comes from the monitor (no CDN)').to.deep.equal([]);
  });
});
