// `npm run report` as a use case: open the live index and the state store, build the report (retention
// first), write OUT/report.html and OUT/report.md. The CLI prints; the bot's /gaps builds the same data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { createStateStore } from '../../state/create.ts';
import { Lexicon } from '../../text/lexicon.ts';
import { App } from '../app.ts';
import { openCurated } from '../curated.ts';
import { buildReport } from './build.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import type { ReportData } from './types.ts';

export interface WrittenReport {
  data: ReportData;
  html: string;
  markdown: string;
}

export async function writeReport(config: Config, opts: { days: number; outDir: string }): Promise<WrittenReport> {
  const app = App.open(config);
  // The namespace only separates bots sharing one Redis; SQLite ignores it.
  const store = await createStateStore({ dataDir: config.dataDir, redisUrl: config.service.redisUrl, namespace: config.service.stateNamespace });
  try {
    const lexicon = Lexicon.load();
    const { stale } = openCurated(config, lexicon).status(app.engine);
    const data = await buildReport({ store, app, lexicon, stale }, { days: opts.days, retentionDays: config.loop.retentionDays });
    mkdirSync(opts.outDir, { recursive: true });
    const html = join(opts.outDir, 'report.html');
    const markdown = join(opts.outDir, 'report.md');
    writeFileSync(html, renderHtml(data));
    writeFileSync(markdown, renderMarkdown(data));
    return { data, html, markdown };
  } finally {
    await store.close();
  }
}
