// PDF: the text layer through pdf.js (its legacy build runs in Node), laid out into paragraphs page by page,
// with `pageStarts` so every chunk, and so every citation, knows its page. A scanned PDF has no text layer
// and is refused with that reason rather than indexed empty.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SourceDoc } from '../../types.ts';
import { endsSentence, joinLines, type TextRun, toLines, toParagraphs } from './pdf-layout.ts';
import { titleFromText } from './text.ts';
import type { LoadedFile, Loader } from './types.ts';

// Chinese PDFs often use fonts with predefined CMaps (UniGB-UCS2-H...): without these files pdf.js cannot map
// their glyphs to text. Both directories ship inside the pdfjs-dist package.
const PDFJS_DIR = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAPS = join(PDFJS_DIR, 'cmaps') + '/';
const FONTS = join(PDFJS_DIR, 'standard_fonts') + '/';

/** Pages -> one text, paragraphs on their own lines; a sentence cut by a page break is joined back. */
export function assemblePages(pages: string[][]): { text: string; pageStarts: number[] } {
  let text = '';
  const pageStarts: number[] = [];
  for (const paragraphs of pages) {
    if (!paragraphs.length) {
      pageStarts.push(text.length); // a blank page
      continue;
    }
    const continues = text !== '' && !endsSentence(text.slice(text.lastIndexOf('\n') + 1));
    if (continues) {
      const lastStart = text.lastIndexOf('\n') + 1;
      const joined = joinLines(text.slice(lastStart), paragraphs[0]);
      pageStarts.push(lastStart + joined.length - paragraphs[0].length);
      text =
        text.slice(0, lastStart) +
        joined +
        paragraphs
          .slice(1)
          .map((p) => '\n' + p)
          .join('');
    } else {
      if (text) text += '\n';
      pageStarts.push(text.length);
      text += paragraphs.join('\n');
    }
  }
  return { text, pageStarts };
}

/** "Microsoft Word - 关于…的通知.doc" -> "关于…的通知": converters put their own name in the Title field. */
function cleanTitle(title: unknown): string | undefined {
  if (typeof title !== 'string') return undefined;
  const t = title
    .replace(/^Microsoft (?:Word|PowerPoint) - /, '')
    .replace(/\.(docx?|wps|pptx?)$/i, '')
    .trim();
  return t && !/^(untitled|无标题)$/i.test(t) ? t : undefined;
}

export async function readPdf(bytes: Uint8Array): Promise<{ title?: string; pages: string[][] }> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: CMAPS,
    cMapPacked: true,
    standardFontDataUrl: FONTS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const info = (await pdf.getMetadata().catch(() => undefined))?.info as { Title?: unknown } | undefined;
    const pages: string[][] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const runs: TextRun[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , , x, y] = item.transform as number[];
        runs.push({ str: item.str, x, y, width: item.width, size: Math.hypot(a, b) || item.height });
      }
      pages.push(toParagraphs(toLines(runs)));
      page.cleanup();
    }
    return { title: cleanTitle(info?.Title), pages };
  } catch (cause) {
    const name = (cause as Error)?.name;
    if (name === 'PasswordException') throw new Error('the PDF is password-protected', { cause });
    throw new Error(`not a readable PDF (${(cause as Error)?.message ?? cause})`, { cause });
  } finally {
    await task.destroy();
  }
}

export const pdfLoader: Loader = {
  extensions: ['.pdf'],
  async load(file: LoadedFile): Promise<SourceDoc[]> {
    const { title, pages } = await readPdf(file.bytes);
    const { text, pageStarts } = assemblePages(pages);
    if (!text.trim()) throw new Error(`no text layer in ${pages.length} page(s): a scanned PDF? run OCR on it first`);
    return [{ id: file.path, path: file.path, title: title ?? titleFromText(text, file.path), text, pageStarts }];
  },
};
