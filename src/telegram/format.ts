// Telegram HTML: escaping of everything that comes from documents or users, and splitting a message into
// parts under the 4096-character limit that never cut inside a tag, an entity or a [n] citation marker.

/** Telegram's limit on a message's text. Parts are measured as HTML, which is never shorter than the text. */
export const MESSAGE_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type Tag = 'b' | 'i' | 'blockquote';

/** A piece of a message: plain text (escaped when rendered), optionally wrapped in one tag. */
export interface Block {
  text: string;
  tag?: Tag;
}

function render(b: Block): string {
  const body = escapeHtml(b.text);
  return b.tag ? `<${b.tag}>${body}</${b.tag}>` : body;
}

/**
 * Blocks -> HTML message parts of at most `limit` characters. Blocks are joined with newlines and packed
 * whole into parts; a block too long for one part is cut at the best boundary (line, sentence, clause,
 * space) and each piece is wrapped in the block's tag again, so every part is valid HTML on its own.
 */
export function renderParts(blocks: Block[], limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current = '';
  const push = (html: string) => {
    if (current && current.length + 1 + html.length <= limit) current += '\n' + html;
    else {
      if (current) parts.push(current);
      current = html;
    }
  };
  for (const block of blocks) {
    const html = render(block);
    if (html.length <= limit) push(html);
    else for (const piece of cutText(block.text, limit - tagLength(block.tag))) push(render({ ...block, text: piece }));
  }
  if (current) parts.push(current);
  return parts;
}

function tagLength(tag?: Tag): number {
  return tag ? 2 * tag.length + 5 : 0;
}

const MARKER = /\[\d{1,3}\]/g;
// Boundaries, best first: line ends, sentence ends (with the [n] markers that follow them), clause ends, spaces.
const BOUNDARIES = [/\n+/g, /[。！？；!?;]+[”’」』"]?(?:\s*\[\d{1,3}\])*/g, /[，、,：:]+/g, / +/g];

/** Splits text into pieces whose escaped length is at most `limit`; joined, the pieces give back the text. */
export function cutText(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (escapeHtml(rest).length > limit) {
    const fit = longestFittingPrefix(rest, limit);
    const cut = bestCut(rest, fit);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The longest prefix length whose escaped form fits the limit (escaping only grows, so scan once). */
function longestFittingPrefix(text: string, limit: number): number {
  let len = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const w = c === '&' ? 5 : c === '<' || c === '>' ? 4 : 1;
    if (len + w > limit) break;
    len += w;
    i++;
  }
  return i;
}

/** Where to cut within the first `fit` characters: the last good boundary in the second half, else a safe spot. */
function bestCut(text: string, fit: number): number {
  const floor = Math.floor(fit / 2);
  for (const re of BOUNDARIES) {
    let best = -1;
    for (const m of text.slice(0, fit).matchAll(re)) {
      const end = m.index! + m[0].length;
      if (end >= floor && end <= fit) best = end;
    }
    if (best > 0 && safe(text, best)) return best;
  }
  let cut = fit;
  while (cut > 1 && !safe(text, cut)) cut--;
  return cut;
}

/** A cut is safe when it is not inside a [n] marker, not just before one, and not inside a surrogate pair. */
function safe(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  if (code >= 0xdc00 && code <= 0xdfff) return false;
  for (const m of text.matchAll(MARKER)) {
    if (m.index! < at && at < m.index! + m[0].length) return false;
    if (m.index === at) return false;
  }
  return true;
}
