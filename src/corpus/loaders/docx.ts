// Word documents (.docx): mammoth turns the document's structure (headings, paragraphs, lists, tables) into
// HTML, and the HTML loader's block walker turns that into text, so both formats read the same way.
import type { SourceDoc } from '../../types.ts';
import { docFromHtml, htmlToText } from './html.ts';
import type { LoadedFile, Loader } from './types.ts';

export const docxLoader: Loader = {
  extensions: ['.docx'],
  async load(file: LoadedFile): Promise<SourceDoc[]> {
    const { default: mammoth } = await import('mammoth'); // loaded on the first .docx, not at every start
    let html: string;
    try {
      // Images are dropped: they would otherwise be inlined as base64 data into the HTML for nothing.
      ({ value: html } = await mammoth.convertToHtml({ buffer: file.bytes }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) }));
    } catch (cause) {
      throw new Error(`not a readable .docx file (${(cause as Error).message})`, { cause });
    }
    return [docFromHtml(file, await htmlToText(html))];
  },
};
