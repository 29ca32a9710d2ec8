import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/corpus/loaders/decode.ts';
import { markdownLoader, parseFrontMatter, textLoader, titleFromText } from '../../../src/corpus/loaders/text.ts';
import type { Loader } from '../../../src/corpus/loaders/types.ts';
import type { SourceDoc } from '../../../src/types.ts';

const file = (path: string, text: string | Buffer) => ({ path, bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text });

/** These loaders read whole files: a plain list of documents, never a partial load. */
async function docs(result: ReturnType<Loader['load']>): Promise<SourceDoc[]> {
  const r = await result;
  if (!Array.isArray(r)) throw new Error('expected a list of documents');
  return r;
}

describe('text and Markdown loaders', () => {
  it('titles a text file by its first sentence, without pinyin annotations', async () => {
    const [doc] = await docs(textLoader.load(file('a.txt', '2月25日,洋縣召開常態(tài)化工作動員會。縣委書記出席。\n第二段。')));
    expect(doc.title).toBe('2月25日,洋縣召開常態化工作動員會');
    expect(doc.id).toBe('a.txt');
  });

  it('reads front matter title, date and url, and keeps offsets of the body', async () => {
    const md =
      '---\ntitle: "民法典·婚姻家庭编"\ndate: 2020-05-28\nurl: https://example.org/x\n---\n\n# 婚姻家庭编\n\n第一千零四十条 本编调整因婚姻家庭产生的民事关系。';
    const [doc] = await docs(markdownLoader.load(file('m.md', md)));
    expect(doc).toMatchObject({ title: '民法典·婚姻家庭编', date: '2020-05-28', url: 'https://example.org/x' });
    expect(doc.text.length).toBe(md.length);
    expect(doc.text.indexOf('第一千零四十条')).toBe(md.indexOf('第一千零四十条'));
    expect(doc.text).not.toContain('title:');
  });

  it('titles Markdown without front matter by its first heading and blanks HTML comments', async () => {
    const [doc] = await docs(markdownLoader.load(file('m.md', '# 中华人民共和国民法典\n\n<!-- INFO END -->\n正文。')));
    expect(doc.title).toBe('中华人民共和国民法典');
    expect(doc.text).not.toContain('INFO END');
  });

  it('parses front matter only at the start', () => {
    expect(parseFrontMatter('text\n---\ntitle: x\n---\n').meta).toEqual({});
    expect(titleFromText('\n\n', 'fallback.txt')).toBe('fallback.txt');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decodeText(Buffer.from('\ufeff三治融合', 'utf8'))).toBe('三治融合');
    expect(decodeText(Buffer.from('三治融合', 'utf8'))).toBe('三治融合');
  });

  it('reads GB18030/GBK bytes', () => {
    // "三治融合" in GBK
    expect(decodeText(Buffer.from([0xc8, 0xfd, 0xd6, 0xce, 0xc8, 0xda, 0xba, 0xcf]))).toBe('三治融合');
  });

  it('refuses binary content with a clear reason', () => {
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]))).toThrow(/binary/);
  });
});
