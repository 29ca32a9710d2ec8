// A progress bar on stderr for long work (loading, embedding, indexing): redrawn in place on a terminal,
// a plain line at each quarter of a stage otherwise (logs and CI), never on stdout. Work that is over within
// `quietMs` shows nothing.
import type { IngestProgress } from '../app/ingest.ts';

const LABELS: Record<IngestProgress['stage'], string> = {
  load: 'reading files',
  embed: 'embedding chunks',
  tokenize: 'indexing words',
  graph: 'building the vector graph',
  write: 'writing the snapshot',
};

export interface ProgressSink {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export class ProgressBar {
  private stage?: string;
  private quarter = -1;
  private lastDraw = 0;
  private drawn = false;

  private readonly start = Date.now();

  constructor(
    private readonly out: ProgressSink = process.stderr,
    private readonly quietMs = 1000,
  ) {}

  update(p: IngestProgress): void {
    if (p.total <= 0 || Date.now() - this.start < this.quietMs) return;
    const frac = Math.min(1, p.done / p.total);
    if (p.stage !== this.stage) {
      this.finishLine();
      this.stage = p.stage;
      this.quarter = -1;
    }
    if (this.out.isTTY) {
      const now = Date.now();
      if (now - this.lastDraw < 80 && frac < 1) return;
      this.lastDraw = now;
      const width = Math.max(10, Math.min(30, (this.out.columns ?? 80) - 60));
      const fill = Math.round(frac * width);
      this.out.write(`\r${LABELS[p.stage]} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${p.done}/${p.total} ${Math.floor(frac * 100)}%\x1b[K`);
      this.drawn = true;
      return;
    }
    const q = Math.floor(frac * 4);
    if (q > this.quarter) {
      this.quarter = q;
      this.out.write(`${LABELS[p.stage]}: ${p.done}/${p.total} (${Math.floor(frac * 100)}%)\n`);
    }
  }

  /** End the bar's line (before printing anything else on a terminal). */
  finishLine(): void {
    if (this.drawn) this.out.write('\n');
    this.drawn = false;
  }
}
