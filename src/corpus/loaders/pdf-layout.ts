// Pure layout: a PDF page's positioned text runs -> lines -> paragraphs. A PDF has no paragraphs, only glyphs
// at coordinates; a paragraph ends where the vertical gap widens, the font size changes, the next line is
// indented (Chinese documents indent a paragraph's first line by two characters) or the line stops short.

/** One text run as pdf.js reports it: string, baseline position (PDF units, y upwards), width and font size. */
export interface TextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

export interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

const TERMINAL = /[。！？；：!?;:.…”」』）)]$/;
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
// "- 3 -", "— 12 —", "第 3 页", "3 / 10": page furniture, not text.
const PAGE_NUMBER = /^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|\/\s*\d{1,4})?[-—–\s]*$/;

/** Runs on one baseline become one line; a space is kept between Latin words, never between CJK characters. */
export function toLines(runs: TextRun[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | undefined;
  for (const r of runs) {
    if (!r.str) continue;
    if (cur && Math.abs(r.y - cur.y) <= Math.max(cur.size, r.size) * 0.5 && r.x >= cur.right - cur.size) {
      const gap = r.x - cur.right;
      const joinSpace = gap > r.size * 0.2 && !CJK.test(cur.text.slice(-1)) && !CJK.test(r.str[0]) && !cur.text.endsWith(' ');
      cur.text += (joinSpace ? ' ' : '') + r.str;
      cur.right = Math.max(cur.right, r.x + r.width);
      cur.size = Math.max(cur.size, r.size);
      continue;
    }
    cur = { text: r.str, x: r.x, right: r.x + r.width, y: r.y, size: r.size };
    lines.push(cur);
  }
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() })).filter((l) => l.text);
}

/** Lines of one page -> paragraphs (strings), page numbers at the top or bottom dropped. */
export function toParagraphs(lines: Line[]): string[] {
  const body = lines.filter((l, i) => !((i === 0 || i === lines.length - 1) && PAGE_NUMBER.test(l.text)));
  if (!body.length) return [];
  const left = Math.min(...body.map((l) => l.x));
  const right = Math.max(...body.map((l) => l.right));
  const spacing = median(
    body
      .slice(1)
      .map((l, i) => body[i].y - l.y)
      .filter((d) => d > 0),
  );
  const paragraphs: string[] = [];
  let cur = body[0].text;
  for (let i = 1; i < body.length; i++) {
    const prev = body[i - 1];
    const l = body[i];
    const gap = prev.y - l.y;
    const breaks =
      gap <= 0 || // a new column or a jump back up the page
      gap > (spacing ?? l.size * 1.2) * 1.4 ||
      Math.abs(l.size - prev.size) > 0.15 * prev.size ||
      l.x - left > l.size * 1.2 ||
      (right - prev.right > prev.size * 2.5 && TERMINAL.test(prev.text)) ||
      prev.right - left < (right - left) * 0.4; // a short line: a heading, a list item, a signature
    if (breaks) {
      paragraphs.push(cur);
      cur = l.text;
    } else {
      cur = joinLines(cur, l.text);
    }
  }
  paragraphs.push(cur);
  return paragraphs;
}

/** Join a wrapped line to its paragraph: no space in Chinese, one space (or a mended hyphen) in Latin text. */
export function joinLines(a: string, b: string): string {
  if (CJK.test(a.slice(-1)) || CJK.test(b[0])) return a + b;
  if (/[A-Za-z]-$/.test(a) && /^[a-z]/.test(b)) return a.slice(0, -1) + b;
  return `${a} ${b}`;
}

/** Does this paragraph end a sentence? If not, the next page's first paragraph continues it. */
export function endsSentence(paragraph: string): boolean {
  return TERMINAL.test(paragraph);
}

function median(xs: number[]): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
