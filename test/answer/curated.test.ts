import { describe, expect, it } from 'vitest';
import { CuratedAnswers, type CuratedSnapshot, checkCurated } from '../../src/answer/curated.ts';
import { CuratedFileError, parseCurated } from '../../src/answer/curated-file.ts';
import { Lexicon } from '../../src/text/lexicon.ts';
import { Tokenizer } from '../../src/text/tokenize.ts';
import type { Chunk } from '../../src/types.ts';

const FILE = `---
question: 宅基地可以继承吗？
variants: [农村的房子能传给子女吗]
cites:
  - doc: notice.md
    text: 宅基地上的房屋可以依法继承。
---
宅基地上的房屋可以依法继承；宅基地使用权本身按村集体规定办理。
`;

const tokenizer = new Tokenizer();
const lexicon = Lexicon.load();

function snapshot(name: string, text: string): CuratedSnapshot {
  const chunk: Chunk = { docId: 'notice.md', seq: 0, paragraph: 2, section: '三、继承', start: 0, end: text.length, text };
  return {
    manifest: { name, docs: [{ id: 'notice.md', path: 'notice.md', title: '县农村住房通知', hash: name, first: 0, count: 1 }] },
    chunks: [chunk],
    tokenizer,
  };
}

describe('a curated answer file', () => {
  it('reads the question, variants, cited passages and the official wording', () => {
    const f = parseCurated('a.md', FILE);
    expect(f).toMatchObject({ question: '宅基地可以继承吗？', variants: ['农村的房子能传给子女吗'], cites: [{ doc: 'notice.md' }] });
    expect(f.body).toMatch(/^宅基地上的房屋可以依法继承/);
  });

  it.each([
    ['no front matter', '宅基地上的房屋可以依法继承。', /no front matter/],
    ['no cited passage', '---\nquestion: 宅基地可以继承吗\ncites: []\n---\n正文', /cites: an answer must rest on at least one passage/],
    ['an empty body', FILE.replace(/---\n宅基地上的房屋[^\n]*\n$/, '---\n'), /body .* is empty/],
    ['bad YAML', '---\nquestion: [unclosed\n---\n正文', /not valid YAML/],
  ])('names the file and what is wrong: %s', (_what, text, reason) => {
    expect(() => parseCurated('bad.md', text)).toThrow(CuratedFileError);
    expect(() => parseCurated('bad.md', text)).toThrow(reason);
  });
});

describe('curated answers against a snapshot', () => {
  const files = [parseCurated('a.md', FILE)];

  it('cite the chunk that holds the passage, ignoring re-wrapped whitespace', () => {
    const { live, stale } = checkCurated(files, snapshot('s1', '根据规定，宅基地上的房屋\n可以依法继承。其他事项另行通知。'));
    expect(stale).toEqual([]);
    expect(live[0].citations[0]).toMatchObject({ n: 1, doc: 'notice.md', title: '县农村住房通知', section: '三、继承', paragraph: 2 });
  });

  it('are withdrawn with the reason when the passage changed or the document is gone', () => {
    const changed = checkCurated(files, snapshot('s2', '宅基地上的房屋按新规定处理。'));
    expect(changed.live).toEqual([]);
    expect(changed.stale[0].reasons[0]).toMatch(/passage changed or removed in 《县农村住房通知》/);
    const gone = checkCurated(files, { ...snapshot('s3', 'x'), manifest: { name: 's3', docs: [] } });
    expect(gone.stale[0].reasons[0]).toMatch(/notice.md is no longer in the index/);
  });

  it('serve a close question, with its citations, and not an unrelated one', () => {
    const curated = new CuratedAnswers(files, [], { minSimilarity: 0.6, lexicon });
    const snap = snapshot('s1', '宅基地上的房屋可以依法继承。');
    const hit = curated.answerFor(snap, '宅基地能继承吗');
    expect(hit).toMatchObject({ source: 'curated', found: true, file: 'a.md' });
    expect(hit!.answer).toMatch(/\[1\]$/);
    expect(hit!.citations).toHaveLength(1);
    expect(curated.answerFor(snap, '结婚登记要带什么材料')).toBeUndefined();
  });

  it('answer in the asker’s script', () => {
    const curated = new CuratedAnswers(files, [], { minSimilarity: 0.6, lexicon });
    const hit = curated.answerFor(snapshot('s1', '宅基地上的房屋可以依法继承。'), '宅基地可以繼承嗎', { lang: 'zh', script: 'traditional' });
    expect(hit!.answer).toContain('繼承');
  });

  it('are re-checked when a new snapshot goes live: served before the change, never after', () => {
    const curated = new CuratedAnswers(files, [new CuratedFileError('broken.md', 'front matter field cites: Required')], { minSimilarity: 0.6, lexicon });
    expect(curated.answerFor(snapshot('s1', '宅基地上的房屋可以依法继承。'), '宅基地可以继承吗？')).toBeDefined();
    const after = snapshot('s2', '宅基地上的房屋按新规定处理。');
    expect(curated.answerFor(after, '宅基地可以继承吗？')).toBeUndefined();
    expect(curated.status(after).stale.map((s) => s.file)).toEqual(['a.md', 'broken.md']);
  });
});
