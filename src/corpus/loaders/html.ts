// HTML pages (and anything converted to HTML, such as DOCX): the main text as one line per block, headings
// marked `#`, without navigation, headers, footers, scripts or styles; title, date and URL from the page's meta.
import type { SourceDoc } from '../../types.ts';
import { decodeText } from './decode.ts';
import { titleFromText } from './text.ts';
import type { LoadedFile, Loader } from './types.ts';

/** The structural view of a parsed node we walk (cheerio's domhandler nodes). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

// Never content: code, chrome and site furniture. Class and id selectors only match whole tokens, so a
// `.header-title` inside an article survives. <header>/<footer> go too, unless inside the article itself.
const REMOVE =
  'script, style, noscript, template, svg, canvas, iframe, object, form, button, select, nav, aside, ' +
  '[role=navigation], [role=banner], [role=contentinfo], [aria-hidden=true], [hidden], ' +
  '.nav, .navbar, .menu, .breadcrumb, .crumb, .header, .footer, .sidebar, #nav, #menu, #header, #footer, #sidebar';
// Where the main text lives: semantic tags first, then the containers of common Chinese government CMSs.
const MAIN = 'main, article, [role=main], #UCAP-CONTENT, .TRS_Editor, #zoom, .pages_content, .article-content, #content, .content';
const BLOCK = new Set(
  'address article blockquote dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre section table tbody thead tfoot tr ul caption center'.split(
    ' ',
  ),
);
const CELL = new Set(['td', 'th']);
// A space between two CJK characters comes from source line wrapping, not from the text.
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const CJK_GAP = new RegExp(`(?<=[${CJK}]) (?=[${CJK}])`, 'gu');

export interface HtmlText {
  title?: string;
  date?: string;
  url?: string;
  text: string;
}

/** The charset a page declares in its first bytes (`<meta charset>` or the http-equiv Content-Type). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head)?.[1];
}

/** Main text, one block per line, `#` before headings (the chunker makes them lead their section). */
export async function htmlToText(html: string): Promise<HtmlText> {
  const { load } = await import('cheerio'); // loaded on the first page, not at every start
  const $ = load(html);
  const meta = (sel: string) => $(sel).first().attr('content')?.trim() || undefined;
  const title =
    meta('meta[name=ArticleTitle]') ??
    meta('meta[property="og:title"]') ??
    ($('h1').first().text().replace(/\s+/g, ' ').trim() || undefined) ??
    siteless($('title').first().text());
  const date =
    meta('meta[name=PubDate]') ??
    meta('meta[name=publishdate]') ??
    meta('meta[property="article:published_time"]') ??
    $('time[datetime]').first().attr('datetime');
  const url = $('link[rel=canonical]').attr('href') ?? meta('meta[property="og:url"]');
  $(REMOVE).remove();
  $('header, footer')
    .filter((_, el) => $(el).closest('article, main').length === 0)
    .remove();
  let root = $('body').get(0) ?? $.root().get(0);
  let best = -1;
  $(MAIN).each((_, el) => {
    const n = $(el).text().length;
    if (n > best) [best, root] = [n, el];
  });
  const text = blocksOf(root as unknown as DomNode);
  const out: HtmlText = { text };
  if (title) out.title = title;
  if (date) out.date = date.slice(0, 10);
  if (url) out.url = url;
  return out;
}

/** "关于…的通知_中国政府网" -> "关于…的通知": page titles often carry the site name after a separator. */
function siteless(title: string): string | undefined {
  const t = title.replace(/\s+/g, ' ').trim();
  if (!t) return undefined;
  const first = t.split(/\s*(?:_| - | – | — |\|)\s*/)[0];
  return first.length >= 4 ? first : t;
}

function blocksOf(root: DomNode): string {
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const clean = line.replace(/\s+/g, ' ').replace(CJK_GAP, '').trim();
    if (clean && !/^#+$/.test(clean)) lines.push(clean);
    line = '';
  };
  const walk = (node: DomNode) => {
    if (node.type === 'text') {
      line += node.data ?? '';
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const name = node.name ?? '';
    if (name === 'br') return flush();
    const block = BLOCK.has(name);
    if (block) flush();
    const level = /^h([1-6])$/.exec(name)?.[1];
    if (level) line += '#'.repeat(Number(level)) + ' ';
    if (CELL.has(name) && line.trim()) line += ' | ';
    for (const child of node.children ?? []) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return lines.join('\n');
}

/** A SourceDoc from extracted HTML text; the title falls back to the first line, then the file name. */
export function docFromHtml(file: LoadedFile, h: HtmlText): SourceDoc {
  if (!h.text.trim()) throw new Error('no text found in the page');
  const doc: SourceDoc = { id: file.path, path: file.path, title: h.title || titleFromText(h.text, file.path), text: h.text };
  if (h.date) doc.date = h.date;
  if (h.url) doc.url = h.url;
  return doc;
}

export const htmlLoader: Loader = {
  extensions: ['.html', '.htm', '.xhtml'],
  async load(file: LoadedFile): Promise<SourceDoc[]> {
    const html = decodeText(file.bytes, { declared: declaredCharset(file.bytes) });
    return [docFromHtml(file, await htmlToText(html))];
  },
};
