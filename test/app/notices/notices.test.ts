import { describe, expect, it } from 'vitest';
import { diffSnapshots, passageHash } from '../../../src/app/notices/diff.ts';
import { answerSubscription, noticesFor, refusedSubscription } from '../../../src/app/notices/notices.ts';
import type { SnapshotSide } from '../../../src/app/notices/types.ts';
import type { Subscription } from '../../../src/state/types.ts';
import type { Citation } from '../../../src/types.ts';

const zh = { lang: 'zh', script: 'simplified' } as const;
const OLD = ['农村低保标准为每人每月五百元。', '申请低保应当向乡镇政府提出。'];

function side(name: string, passages: string[]): SnapshotSide {
  return {
    manifest: {
      name,
      docs: [{ id: 'dibao.md', path: 'dibao.md', title: '县低保办法', hash: passageHash(passages.join('|')), first: 0, count: passages.length }],
    },
    chunks: passages.map((text, seq) => ({ docId: 'dibao.md', seq, paragraph: seq + 1, section: '第二章', start: 0, end: text.length, text })),
  };
}
const cite = (passage: string): Citation => ({ n: 1, doc: 'dibao.md', title: '县低保办法', section: '第二章', paragraph: 1, text: passage, passage });
const sub = (owner: string, s: { id: string; data: unknown }): Subscription => ({ owner, ...s, createdAt: 0 });

describe('subscriptions', () => {
  it('remember the redacted question and the hashes of the cited passages, not the passages', () => {
    const s = answerSubscription({ question: '低保标准多少？我电话13912345678', citations: [cite(OLD[0])], register: zh });
    expect(s.data.question).toBe('低保标准多少?我电话[手机号]');
    expect(s.data.cited).toEqual([{ doc: 'dibao.md', title: '县低保办法', section: '第二章', hash: passageHash(OLD[0]) }]);
    expect(JSON.stringify(s.data)).not.toContain('五百元');
    // The same question on the same passages is one subscription.
    expect(answerSubscription({ question: '低保标准多少?我电话[手机号]', citations: [cite(OLD[0])], register: zh }).id).toBe(s.id);
  });
});

describe('noticesFor', () => {
  const changed = diffSnapshots(side('s1', OLD), side('s2', ['农村低保标准为每人每月六百元。', OLD[1]]));
  const follows = sub('chat:1', answerSubscription({ question: '低保标准是多少', citations: [cite(OLD[0])], register: zh }));
  const other = sub('chat:2', answerSubscription({ question: '怎么申请低保', citations: [cite(OLD[1])], register: zh }));

  it('tells a subscriber whose cited passage changed, with the new passage and its source; nobody else', () => {
    const notices = noticesFor([follows, other], changed, []);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ owner: 'chat:1', subscriptionIds: [follows.id] });
    expect(notices[0].text).toContain('低保标准是多少');
    expect(notices[0].text).toContain('《县低保办法》 第二章有修改，现为：“农村低保标准为每人每月六百元。”');
    expect(notices[0].text).toContain('停止提醒');
  });

  it('says when a cited passage or its whole document is gone', () => {
    const removed = diffSnapshots(side('s1', OLD), { manifest: { name: 's2', docs: [] }, chunks: [] });
    expect(noticesFor([follows], removed, [])[0].text).toContain('所在的文件已不再收录');
  });

  it('tells a citizen whose refused question is now answered, with the answer and its source', () => {
    const r = sub('chat:3', refusedSubscription('新农合一年交多少钱', zh));
    const answered = [{ subscriptionId: r.id, answer: '每人每年缴费四百元[1]。', citations: [{ title: '县医保通知', paragraph: 2, text: '…' }] }];
    const [n] = noticesFor([r, follows], diffSnapshots(side('s1', OLD), side('s2', OLD)), answered);
    expect(n.owner).toBe('chat:3');
    expect(n.text).toContain('您之前问的“新农合一年交多少钱”现在有答案了');
    expect(n.text).toContain('来源：《县医保通知》 第2段');
  });

  it('sends one notice per chat per refresh, listing at most three items', () => {
    const many = ['甲', '乙', '丙', '丁', '戊'].map((w) =>
      sub('chat:1', answerSubscription({ question: `低保${w}`, citations: [cite(OLD[0])], register: zh })),
    );
    const notices = noticesFor(many, changed, []);
    expect(notices).toHaveLength(1);
    expect(notices[0].subscriptionIds).toHaveLength(5);
    expect(notices[0].text).toContain('另有 2 项更新');
  });

  it('writes in the subscriber’s script, and ignores rows it cannot read', () => {
    const tw = sub('chat:4', answerSubscription({ question: '低保標準是多少', citations: [cite(OLD[0])], register: { lang: 'zh', script: 'traditional' } }));
    const junk: Subscription = { owner: 'chat:5', id: 'x', data: { something: 'else' }, createdAt: 0 };
    const notices = noticesFor([tw, junk], changed, []);
    expect(notices).toHaveLength(1);
    expect(notices[0].text).toContain('有修改，現為');
    expect(notices[0].text).not.toContain('现为');
  });
});
