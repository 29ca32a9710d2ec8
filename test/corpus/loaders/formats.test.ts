import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../src/corpus/chunk.ts';
import { loadCorpus } from '../../../src/corpus/load.ts';
import { loaderFor } from '../../../src/corpus/loaders/index.ts';
import type { SourceDoc } from '../../../src/types.ts';
import { gbk, makeDocx, makePdf } from './fixtures.ts';
import { CJK_PARAGRAPH, CJK_PDF } from './make-cjk-pdf.ts';

async function load(path: string, bytes: Buffer): Promise<SourceDoc[]> {
  const out = await loaderFor(path)!.load({ path, bytes });
  return Array.isArray(out) ? out : out.docs;
}

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>关于做好春耕生产的通知_某某县人民政府网</title>
<meta name="PubDate" content="2025-03-01 09:00"><link rel="canonical" href="https://example.gov.cn/a/1.html">
<style>.x{color:red}</style><script>var tracking = "不应出现的脚本";</script></head>
<body><header><div class="logo">某某县人民政府</div></header>
<nav><a href="/">首页</a><a href="/zw">政务公开</a></nav>
<div class="breadcrumb">首页 > 通知公告</div>
<div id="zoom"><h1>关于做好春耕生产的通知</h1>
<p>各乡镇人民政府：</p>
<p>为做好春耕生产，现将有关事项
   通知如下。</p>
<h2>一、落实补贴政策</h2><p>对种粮农民每亩补贴<b>120元</b>，3月底前发放到户。</p>
<table><tr><td>项目</td><td>标准</td></tr><tr><td>耕地地力补贴</td><td>每亩120元</td></tr></table>
</div><aside>相关链接</aside><footer>版权所有 某某县人民政府</footer></body></html>`;

describe('HTML loader', () => {
  it('keeps the main text and drops navigation, headers, footers, scripts and styles', async () => {
    const [doc] = await load('notice.html', Buffer.from(PAGE));
    expect(doc.title).toBe('关于做好春耕生产的通知');
    expect(doc.date).toBe('2025-03-01');
    expect(doc.url).toBe('https://example.gov.cn/a/1.html');
    expect(doc.text).toContain('为做好春耕生产，现将有关事项通知如下。'); // source line wrap inside Chinese text removed
    expect(doc.text).toContain('对种粮农民每亩补贴120元，3月底前发放到户。');
    expect(doc.text).toMatch(/^## 一、落实补贴政策$/m);
    expect(doc.text).toContain('耕地地力补贴 | 每亩120元');
    for (const junk of ['首页', '政务公开', '版权所有', 'tracking', 'color:red', '相关链接', '某某县人民政府\n']) {
      expect(doc.text).not.toContain(junk);
    }
  });

  it('reads a GBK page that declares its charset', async () => {
    const html =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>通知</title></head><body><p>县人民政府关于乡村振兴的实施意见。</p></body></html>';
    const [doc] = await load('gbk.htm', gbk(html));
    expect(doc.text).toBe('县人民政府关于乡村振兴的实施意见。');
  });

  it('refuses a page without text', async () => {
    await expect(load('empty.html', Buffer.from('<html><body><nav>首页</nav><script>x()</script></body></html>'))).rejects.toThrow(/no text/);
  });
});

describe('DOCX loader (files written by the docx library)', () => {
  it('reads headings and paragraphs in order, the first heading as title', async () => {
    const bytes = await makeDocx('关于乡村振兴的实施意见', [
      { heading: '一、总体要求', paragraphs: ['坚持农业农村优先发展。', '到2025年，农村人居环境明显改善。'] },
      { heading: '二、重点任务', paragraphs: ['推进高标准农田建设。'] },
    ]);
    const [doc] = await load('意见.docx', bytes);
    expect(doc.title).toBe('关于乡村振兴的实施意见');
    expect(doc.text.split('\n')).toEqual([
      '# 关于乡村振兴的实施意见',
      '## 一、总体要求',
      '坚持农业农村优先发展。',
      '到2025年，农村人居环境明显改善。',
      '## 二、重点任务',
      '推进高标准农田建设。',
    ]);
  });

  it('reports a file that is not a DOCX', async () => {
    await expect(load('bad.docx', Buffer.from('PK\x03\x04 this is not a zip'))).rejects.toThrow(/not a readable \.docx/);
  });
});

describe('PDF loader (files written by pdfkit)', () => {
  const long =
    'The county pays a subsidy to farmers for seeds and machinery. Applications are made at the township office before the end of March, with the land contract and an identity card. Approved subsidies are paid within thirty days.';

  it('rebuilds paragraphs from wrapped lines, keeps page boundaries and drops page numbers', async () => {
    const bytes = await makePdf([[long, 'Teachers in mountain villages receive a housing allowance.'], ['Roads: every village gets a paved road by 2026.']], {
      title: 'County Support Measures',
    });
    const [doc] = await load('measures.pdf', bytes);
    expect(doc.title).toBe('County Support Measures');
    expect(doc.text.split('\n')).toEqual([
      long,
      'Teachers in mountain villages receive a housing allowance.',
      'Roads: every village gets a paved road by 2026.',
    ]);
    expect(doc.pageStarts).toEqual([0, doc.text.indexOf('Roads:')]);
    const chunks = chunkDocument(doc, { size: 120, overlap: 0 });
    expect(chunks.find((c) => c.text.includes('paved road'))!.page).toBe(2);
    expect(chunks.find((c) => c.text.includes('housing allowance'))!.page).toBe(1);
  });

  it('joins a sentence cut by a page break', async () => {
    const bytes = await makePdf([['Subsidies are paid to every household that'], ['registered before March.']]);
    const [doc] = await load('cut.pdf', bytes);
    expect(doc.text).toBe('Subsidies are paid to every household that registered before March.');
    expect(doc.pageStarts).toEqual([0, doc.text.indexOf('registered')]);
  });

  it('reads Chinese text set in a CJK font: wrapped lines join without spaces', async () => {
    // Made by pdfkit with a CJK font (make-cjk-pdf.ts) and shipped: CI machines have no CJK font to make it.
    const p = CJK_PARAGRAPH;
    const [doc] = await load('春耕.pdf', readFileSync(CJK_PDF));
    expect(doc.title).toBe('关于做好春耕生产工作的通知');
    expect(doc.text.split('\n')).toEqual(['关于做好春耕生产工作的通知', '各乡镇人民政府：', p, p.replace('五十', '六十')]);
    expect(doc.pageStarts).toEqual([0, doc.text.lastIndexOf('为切实')]);
  });

  it('reports a corrupt PDF and a PDF without a text layer', async () => {
    const good = await makePdf([[long]]);
    await expect(load('corrupt.pdf', Buffer.concat([good.subarray(0, 300), Buffer.from('garbage')]))).rejects.toThrow(/not a readable PDF/);
    const scanned = await makePdf([[]]);
    await expect(load('scan.pdf', scanned)).rejects.toThrow(/no text layer/);
  });
});

describe('JSONL collections', () => {
  const line = (o: object) => JSON.stringify(o);

  it('loads one document per line with stable ids; a bad line is reported and the rest loads', async () => {
    const file = [
      line({ title: '2025年政府工作报告', content: '各位代表：现在，我代表国务院报告工作。', url: 'https://x/2025', year: 2025 }),
      '{"title": "broken", ',
      line({ title: '决议', content: '会议批准政府工作报告。', date: '2025-03-11' }),
      line({ title: '无内容' }),
    ].join('\n');
    const out = await loaderFor('r.jsonl')!.load({ path: 'r.jsonl', bytes: Buffer.from(file) });
    if (Array.isArray(out)) throw new Error('expected a partial load');
    expect(out.docs.map((d) => [d.id, d.title, d.date, d.url])).toEqual([
      ['r.jsonl#2025年政府工作报告', '2025年政府工作报告', '2025', 'https://x/2025'],
      ['r.jsonl#决议', '决议', '2025-03-11', undefined],
    ]);
    expect(out.skipped.map((s) => s.part)).toEqual(['line 2', 'line 4']);
  });

  it('reads a GBK collection', async () => {
    const docs = await load('gbk.jsonl', gbk(line({ title: '通知', content: '县人民政府关于春耕的通知。' })));
    expect(docs[0].text).toBe('县人民政府关于春耕的通知。');
  });

  const shared = resolve(import.meta.dirname, '../../../../shared/corpora/gov-work-reports');
  it.skipIf(!existsSync(shared))('loads the 72 government work reports, ignoring the SOURCE_COMMIT.txt beside them', async () => {
    const { docs, skipped, ignored } = await loadCorpus(shared);
    expect(docs).toHaveLength(72);
    expect(new Set(docs.map((d) => d.id)).size).toBe(72);
    expect(skipped).toEqual([]);
    expect(ignored).toEqual(['SOURCE_COMMIT.txt']);
  });
});
