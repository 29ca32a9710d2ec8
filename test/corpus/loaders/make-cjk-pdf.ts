// Regenerates fixtures/chunsheng.pdf, the Chinese PDF the loader tests read: made by pdfkit with the
// WenQuanYi Micro Hei font (Debian's fonts-wqy-microhei), subset-embedded, so the tests need no CJK font.
// Run: npx tsx test/corpus/loaders/make-cjk-pdf.ts
import { writeFileSync } from 'node:fs';
import { CJK_FONT, makePdf } from './fixtures.ts';

/** The notice's paragraph; page 2 repeats it with 六十 for 五十. */
export const CJK_PARAGRAPH =
  '为切实做好今年春耕生产工作，确保粮食播种面积稳定在五十万亩以上，现将有关事项通知如下。各乡镇要把春耕生产作为当前农业农村工作的重中之重，层层压实责任。';
export const CJK_PDF = new URL('./fixtures/chunsheng.pdf', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = CJK_PARAGRAPH;
  const bytes = await makePdf([['各乡镇人民政府：', `　　${p}`], [`　　${p.replace('五十', '六十')}`]], {
    font: CJK_FONT,
    heading: '关于做好春耕生产工作的通知',
  });
  writeFileSync(CJK_PDF, bytes);
  console.log(`wrote ${CJK_PDF.pathname} (${bytes.length} bytes)`);
}
