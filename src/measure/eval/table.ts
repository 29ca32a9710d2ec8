// Markdown tables and number formats shared by the eval and bench reports (printed and written to results/).

export type Cell = string | number;

/** A GitHub-flavoured Markdown table; numbers are right-aligned, text left-aligned. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[\d.,x×%+-]+\s*\S*$/.test(String(r[i]))));
  const line = (cells: readonly Cell[]) => `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  const rule = `| ${headers.map((_, i) => (numeric[i] ? '---:' : '---')).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A share as a fixed 3-decimal figure (0.958). */
export function fixed3(x: number): string {
  return x.toFixed(3);
}

/** A share as a percentage with one decimal (95.8%). */
export function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Our figure over the baseline's, as "2.31x"; "-" when the baseline is zero or missing. */
export function ratio(ours: number, baseline: number | undefined): string {
  if (!baseline) return '-';
  const r = ours / baseline;
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toFixed(3)}x`;
}

/** Milliseconds with a precision that suits their size. */
export function ms(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** Bytes as KB/MB with one decimal. */
export function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024).toFixed(1)} KB`;
}
