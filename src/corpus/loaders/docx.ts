// Word documents (.docx): mammoth turns the document's structure (headings, paragraphs, lists, tables) into
// HTML, and the HTML loader's block walker turns that into text, so both formats read the same way.
import mammoth from 'mammoth';
import type { SourceDoc } from '../../types.ts';
import { docFromHtml, htmlToText } from './html.ts';
import type { LoadedFile, Loader } from './types.ts';

export const docxLoader: Loader = {
  extensions: ['.docx'],
  async load(file: LoadedFile): Promise<SourceDoc[]> {
    let html: string;
    try {
      // Images are dropped: they would otherwise be inlined as base64 data into the HTML for nothing.
      ({ value: html } = await mammoth.convertToHtml({ buffer: file.bytes }, { convertImage: mammoth.images.imgElement(async () => ({ src: '' })) }));
    } catch (cause) {
      throw new Error(`not a readable .docx file (${(cause as Error).message})`, { cause });
    }
    return [docFromHtml(file, htmlToText(html))];
  },
};
