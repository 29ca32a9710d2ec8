import { afterEach, describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { tempRoot, writeFiles } from '../helpers/refresh.ts';
import { gbk, makeDocx, makePdf } from './loaders/fixtures.ts';

let cleanup = () => {};
afterEach(() => cleanup());

describe('loadCorpus', () => {
  it('loads every format, skips unreadable files with their reason, and ignores what is not a document', async () => {
    const t = tempRoot();
    cleanup = t.cleanup;
    const pdf = await makePdf([['Seed subsidies are paid before planting.']]);
    writeFiles(t.root, {
      'a.md': '---\ntitle: 通知甲\n---\n\n正文甲。',
      'b-gbk.txt': gbk('关于春耕的通知\n\n正文乙。'),
      'notice.html': '<html><head><title>通知丙</title></head><body><p>正文丙。</p></body></html>',
      'sub/d.docx': await makeDocx('通知丁', [{ heading: '一、要求', paragraphs: ['正文丁。'] }]),
      'sub/e.pdf': pdf,
      'f.jsonl': '{"title":"通知戊","content":"正文戊。"}\nnot json\n',
      'broken.pdf': Buffer.concat([pdf.subarray(0, 200), Buffer.from('truncated download')]),
      'junk.txt': Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      'README.md': '# About this collection',
      'SOURCE_COMMIT.txt': 'abc123 https://example.org/repo',
      '_index.md': 'section page',
      '.hidden.md': 'hidden',
      'table.xlsx': 'not supported',
    });
    const events: string[] = [];
    const { docs, skipped, ignored } = await loadCorpus(t.root, (e) => events.push(`${e.kind} ${e.path} ${e.index + 1}/${e.total}`));
    expect(docs.map((d) => [d.id, d.title]).sort()).toEqual(
      [
        ['a.md', '通知甲'],
        ['b-gbk.txt', '关于春耕的通知'],
        ['notice.html', '通知丙'],
        ['f.jsonl#通知戊', '通知戊'],
        ['sub/d.docx', '通知丁'],
        ['sub/e.pdf', 'Seed subsidies are paid before planting.'],
      ].sort(),
    );
    expect(skipped.map((s) => [s.file, s.part, s.reason])).toEqual([
      ['broken.pdf', undefined, expect.stringMatching(/not a readable PDF/)],
      ['f.jsonl', 'line 2', expect.stringMatching(/not JSON/)],
      ['junk.txt', undefined, expect.stringMatching(/binary/)],
    ]);
    expect(ignored.sort()).toEqual(['README.md', 'SOURCE_COMMIT.txt', 'table.xlsx']);
    expect(events).toContain('skipped broken.pdf 3/8');
    expect(events.at(-1)).toBe('loaded sub/e.pdf 8/8');
  });
});
