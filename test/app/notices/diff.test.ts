import { describe, expect, it } from 'vitest';
import { diffSnapshots, passageHash, similarity } from '../../../src/app/notices/diff.ts';
import type { SnapshotSide } from '../../../src/app/notices/types.ts';
import type { Chunk } from '../../../src/types.ts';

/** A snapshot from documents given as lists of passages. */
function side(name: string, docs: Record<string, string[]>): SnapshotSide {
  const chunks: Chunk[] = [];
  const manifestDocs = Object.entries(docs).map(([id, passages]) => {
    const first = chunks.length;
    passages.forEach((text, seq) => {
      chunks.push({ docId: id, seq, paragraph: seq + 1, start: 0, end: text.length, text });
    });
    return { id, path: id, title: `《${id}》标题`, hash: passageHash(passages.join('|')), first, count: passages.length };
  });
  return { manifest: { name, docs: manifestDocs }, chunks };
}

const A = ['第一条 农村低保标准为每人每月五百元。', '第二条 申请低保应当向乡镇政府提出。', '第三条 本办法自发布之日起施行。'];

describe('diffSnapshots', () => {
  it('reports nothing for documents whose content did not change', () => {
    expect(diffSnapshots(side('s1', { a: A }), side('s2', { a: A })).docs).toEqual([]);
  });

  it('pairs an edited passage with its new wording, and lists added and removed passages apart', () => {
    const after = ['第一条 农村低保标准为每人每月六百元。', A[1], '第四条 低保资金按月发放到户。'];
    const [d] = diffSnapshots(side('s1', { a: A }), side('s2', { a: after })).docs;
    expect(d.status).toBe('changed');
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0].before.text).toContain('五百元');
    expect(d.changed[0].after.text).toContain('六百元');
    expect(d.removed.map((r) => r.text)).toEqual([A[2]]);
    expect(d.added.map((r) => r.text)).toEqual(['第四条 低保资金按月发放到户。']);
  });

  it('lists every passage of a document added or removed as a whole', () => {
    const diff = diffSnapshots(side('s1', { a: A }), side('s2', { b: ['医保缴费标准为每人每年四百元。'] }));
    expect(diff.docs.map((d) => [d.doc, d.status, d.added.length, d.removed.length])).toEqual([
      ['b', 'added', 1, 0],
      ['a', 'removed', 0, 3],
    ]);
    expect(diff).toMatchObject({ from: 's1', to: 's2' });
  });

  it('does not count a re-wrapped passage as changed, nor passages that only moved', () => {
    const after = [A[1], A[0].replace('标准为', '标准为\n'), A[2], '第五条 新增。'];
    const [d] = diffSnapshots(side('s1', { a: A }), side('s2', { a: after })).docs;
    expect(d.changed).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.added.map((r) => r.text)).toEqual(['第五条 新增。']);
  });

  it('measures similarity by shared character pairs', () => {
    expect(similarity('低保标准五百元', '低保标准五百元')).toBe(1);
    expect(similarity('低保标准五百元', '医保缴费三百')).toBe(0);
  });
});
