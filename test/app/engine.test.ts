import { describe, expect, it } from 'vitest';
import type { LoadedDoc } from '../../src/corpus/load.ts';
import { fixtureEngine } from '../helpers/shipped-index.ts';

const doc = (name: string, text: string): LoadedDoc => ({ id: `${name}.md`, path: `${name}.md`, title: name, text, hash: name });

describe('the engine: which document words an expansion may reach', () => {
  it('reaches a word jieba cuts into characters only when the documents spell it out', async () => {
    // 工 and 签 are in the documents, never as 工签 (CC-CEDICT's "work visa"); 父姓 (父/姓) is written out.
    const engine = await fixtureEngine([doc('通知', '以工代赈，工完账清。签，即签字。姓氏可以是父姓或者母姓。')]);
    const terms = (q: string) => engine.query(q).expansions.map((e) => e.term);
    expect(terms('What do I need for a work visa?')).not.toContain('工签');
    expect(terms('孩子跟爸爸姓行吗')).toContain('父姓');
  });
});
