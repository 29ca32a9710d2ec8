// How the fake Bot API reads parse_mode=HTML like Telegram does: only Telegram's tags, balanced, and only
// &lt; &gt; &amp; &quot; and numeric entities; anything else is "can't parse entities". Returns the visible text.

const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'blockquote', 'tg-spoiler', 'span', 'tg-emoji']);
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export type ParsedHtml = { ok: true; text: string } | { ok: false; error: string };

export function parseTelegramHtml(html: string): ParsedHtml {
  const open: string[] = [];
  let text = '';
  let i = 0;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const m = /^<(\/?)([a-zA-Z-]+)(\s[^<>]*)?>/.exec(html.slice(i));
      if (!m) return fail(`Unsupported start tag at byte offset ${byteOffset(html, i)}`);
      const [whole, closing, rawName] = m;
      const name = rawName.toLowerCase();
      if (!TAGS.has(name)) return fail(`Unsupported start tag "${name}" at byte offset ${byteOffset(html, i)}`);
      if (closing) {
        if (open.pop() !== name) return fail(`Unexpected end tag at byte offset ${byteOffset(html, i)}`);
      } else {
        open.push(name);
      }
      i += whole.length;
    } else if (ch === '&') {
      const m = /^&(?:([a-z]+)|#(\d+)|#x([0-9a-fA-F]+));/.exec(html.slice(i));
      const decoded = m && (m[1] ? NAMED[m[1]] : String.fromCodePoint(m[2] ? Number(m[2]) : parseInt(m[3], 16)));
      if (!m || decoded === undefined) return fail(`Character '&' is reserved and must be escaped, at byte offset ${byteOffset(html, i)}`);
      text += decoded;
      i += m[0].length;
    } else if (ch === '>') {
      return fail(`Character '>' is reserved and must be escaped, at byte offset ${byteOffset(html, i)}`);
    } else {
      text += ch;
      i++;
    }
  }
  if (open.length) return fail(`Can't find end tag corresponding to start tag "${open[open.length - 1]}"`);
  return { ok: true, text };
}

function fail(detail: string): ParsedHtml {
  return { ok: false, error: `Bad Request: can't parse entities: ${detail}` };
}

function byteOffset(s: string, i: number): number {
  return Buffer.byteLength(s.slice(0, i));
}
