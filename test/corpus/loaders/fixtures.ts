// Test fixtures made by real libraries: PDFs by pdfkit, DOCX by docx, GBK bytes by iconv-lite, so the loaders
// are tested against files a real producer writes, not bytes shaped to please our own parsers.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';

/** A CJK font on this machine, if any (Debian's fonts-wqy-microhei): pdfkit's standard fonts are Latin only. */
export const CJK_FONT = { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', name: 'WenQuanYiMicroHei' };

/** A PDF with one array of paragraphs per page; Latin text unless `font` names a CJK font file. */
export function makePdf(pages: string[][], opts: { title?: string; heading?: string; font?: typeof CJK_FONT } = {}): Promise<Buffer> {
  const doc = new PDFDocument({ info: opts.title ? { Title: opts.title } : {}, autoFirstPage: false });
  if (opts.font) doc.registerFont('body', opts.font.path, opts.font.name);
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  pages.forEach((paragraphs, i) => {
    doc.addPage();
    if (opts.font) doc.font('body');
    if (i === 0 && opts.heading) doc.fontSize(18).text(opts.heading).moveDown();
    doc.fontSize(11);
    for (const p of paragraphs) doc.text(p).moveDown();
    doc.page.margins.bottom = 0; // the page number sits in the bottom margin without starting a new page
    doc.fontSize(9).text(`- ${i + 1} -`, 72, 750, { align: 'center', width: 468 });
  });
  doc.end();
  return done;
}

/** A DOCX with a title heading, section headings and paragraphs. */
export function makeDocx(title: string, sections: { heading: string; paragraphs: string[] }[]): Promise<Buffer> {
  const children = [new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 })];
  for (const s of sections) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_2 }));
    for (const p of s.paragraphs) children.push(new Paragraph({ text: p }));
  }
  return Packer.toBuffer(new Document({ title, sections: [{ children }] }));
}

export function gbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}

export function latin1(text: string): Buffer {
  return iconv.encode(text, 'latin1');
}

/** Enough Chinese policy prose for a document of `n` paragraphs about `topic`, distinct per topic. */
export function policyText(topic: string, n = 3): string {
  return Array.from(
    { length: n },
    (_, i) => `关于${topic}的第${i + 1}项措施：各乡镇要把${topic}工作纳入年度考核，落实专项资金${(i + 1) * 10}万元，确保${topic}取得实效。`,
  ).join('\n\n');
}
