// The report shown in the README: the shipped corpus indexed in a temp dir, two weeks of made-up traffic
// (test/app/report/fixtures.ts, personal data typed in on purpose) in a temp SQLite store, the report built
// exactly as `npm run report` builds it, then photographed by headless Chromium at a phone's width.
//   npx tsx scripts/report-demo.ts [out=results]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App } from '../src/app/app.ts';
import { buildReport } from '../src/app/report/build.ts';
import { renderHtml } from '../src/app/report/html.ts';
import { renderMarkdown } from '../src/app/report/markdown.ts';
import { SqliteStore } from '../src/state/sqlite.ts';
import { Lexicon } from '../src/text/lexicon.ts';
import { NOW, seedTraffic } from '../test/app/report/fixtures.ts';
import { HAVE_CHROMIUM, launchChromium } from '../test/helpers/chromium.ts';
import { shippedIndex } from '../test/helpers/shipped-index.ts';

const out = resolve(process.argv[2] ?? 'results');
const index = await shippedIndex({ LOG_LEVEL: 'silent' });
try {
  const app = App.open(index.config);
  const store = SqliteStore.open(join(index.dir, 'data'), { now: () => NOW });
  await seedTraffic(store);
  const data = await buildReport({ store, app, lexicon: Lexicon.load() }, { days: 14, retentionDays: 90, now: NOW });
  await store.close();
  const html = renderHtml(data);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'report.html'), html);
  writeFileSync(join(out, 'report.md'), renderMarkdown(data));
  if (HAVE_CHROMIUM) {
    const { browser, close } = await launchChromium();
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2 });
    await page.setContent(html, { waitUntil: 'load' });
    // Open the first cluster's passages so the picture shows what the operator sees when they tap it.
    await page.$eval('details', (d) => d.setAttribute('open', ''));
    await page.screenshot({ path: join(out, 'report.png'), fullPage: true });
    await close();
  } else console.warn('no chromium: report.png not taken');
  console.log(`wrote ${out}/report.html, report.md${HAVE_CHROMIUM ? ', report.png' : ''}`);
} finally {
  index.cleanup();
}
