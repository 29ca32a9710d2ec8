// A law article's situation words (lexicon/situations.tsv) let a citizen's story find the article, through a field
// of its own that neither lengthens the article nor is ever shown.
import { describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from '../../src/answer/extractive.ts';
import { ask } from '../../src/app/ask.ts';
import type { LoadedDoc } from '../../src/corpus/load.ts';
import { SITUATION_FIELD } from '../../src/index/lexical.ts';
import { buildOurs } from '../../src/measure/bench/systems.ts';
import { situationMatch } from '../../src/retrieve/relevance.ts';
import { parseSituations, Situations, situationPairs } from '../../src/text/situations.ts';
import { fixtureEngine, tempDir, testConfig } from '../helpers/shipped-index.ts';

const law: LoadedDoc = {
  id: '民法典-合同编.md',
  path: '民法典-合同编.md',
  title: '中华人民共和国民法典 合同编',
  text: [
    '第六百七十五条 借款人应当按照约定的期限返还借款。对借款期限没有约定或者约定不明确，依据本法第五百一十条的规定仍不能确定的，借款人可以随时返还；贷款人可以催告借款人在合理期限内返还。',
    '第六百七十六条 借款人未按照约定的期限返还借款的，应当按照约定或者国家有关规定支付逾期利息。',
    '第七百零三条 租赁合同是出租人将租赁物交付承租人使用、收益，承租人支付租金的合同。',
    '第七百二十五条 租赁物在承租人按照租赁合同占有期限内发生所有权变动的，不影响租赁合同的效力。',
  ].join('\n\n'),
  hash: 'law',
};
const report: LoadedDoc = {
  id: '2025年政府工作报告.md',
  path: '2025年政府工作报告.md',
  title: '2025年政府工作报告',
  text: '今年要多渠道促进居民增收，推动房地产市场止跌回稳，哥哥姐姐弟弟妹妹都要过上好日子。',
  hash: 'report',
};
const words = '第675条\t借钱 欠条 借条 没说什么时候还 什么时候还 要钱 催还钱\n第725条\t房东卖房 房子卖了 新房东 让我搬走 租的房子\n';
const situations = new Situations(parseSituations(words, 'test.tsv'), 'test');
const question = '俺哥借了俺五万块，没打欠条，也没说啥时候还，俺啥时候能找他要';

const engineWith = (s: Situations) => fixtureEngine([law, report], { situations: s });

describe('situation words of law articles', () => {
  it('bring an everyday story to the article that decides it, which the answer quotes in its own words', async () => {
    const engine = await engineWith(situations);
    const r = await engine.retriever.retrieve(engine.query(question));
    expect(r.relevant).toBe(true);
    expect(r.hits[0].chunk.text).toContain('第六百七十五条');
    const a = await ask(engine, new ExtractiveAnswerer(), question);
    expect(a.found).toBe(true);
    expect(a.citations[0].passage).toContain('合理期限内返还');
    // The situation words are search aids, never quoted.
    expect(a.answer).not.toContain('欠条');
    const tenant = await engine.retriever.retrieve(engine.query('租的房子房东卖了，新房东让我搬走，我得搬吗'));
    expect(tenant.hits[0].chunk.text).toContain('第七百二十五条');
  });

  it('are what finds the article: without them the same story is refused or ranks another passage first', async () => {
    const engine = await engineWith(Situations.none);
    const r = await engine.retriever.retrieve(engine.query(question));
    expect(r.relevant && r.hits[0].chunk.text.includes('第六百七十五条')).toBe(false);
  });

  it('do not lengthen the article: a question in the law words ranks it as before', async () => {
    const plain = await engineWith(Situations.none);
    const expanded = await engineWith(situations);
    const q = '借款人未按照约定的期限返还借款怎么办';
    const a = await plain.retriever.retrieve(plain.query(q));
    const b = await expanded.retriever.retrieve(expanded.query(q));
    expect(b.hits.map((h) => h.chunk.text.slice(0, 8))).toEqual(a.hits.map((h) => h.chunk.text.slice(0, 8)));
  });
});

describe('situation words cut differently from the question', () => {
  it('are indexed by their character pairs too, which a question reaches however jieba cut it', async () => {
    // jieba cuts a question's "结婚前" as 结婚/前 and the situation's "婚前买房" as 婚前/买房: only the pair 婚前 meets.
    expect(situationPairs('结婚前他买')).toEqual(['结婚', '婚前', '前他', '他买']);
    const s = new Situations(parseSituations('第675条\t嫁妆钱 借条\n', 'test.tsv'), 'pairs');
    const engine = await fixtureEngine([law], { situations: s });
    const article = engine.chunks.findIndex((c) => c.text.includes('第六百七十五条'));
    expect(engine.lexical.contains(article, `${SITUATION_FIELD}妆钱`)).toBe(true);
    expect(engine.lexical.contains(article, '妆钱')).toBe(false);
  });
});

describe("a story that the best article's situation words describe", () => {
  const work: LoadedDoc = {
    id: '民法典-合同编-承揽.md',
    path: '民法典-合同编-承揽.md',
    title: '中华人民共和国民法典 合同编',
    text: [
      '第七百八十一条 承揽人交付的工作成果不符合质量要求的，定作人可以合理选择请求承揽人承担修理、重作、减少报酬、赔偿损失等违约责任。',
      '第七百八十二条 定作人应当按照约定的期限支付报酬。',
    ].join('\n\n'),
    hash: 'work',
  };
  const story = '我找裁缝定做了一套西装做出来袖子短了一大截根本穿不了能不能让他重做';

  it('is answered though it shares few of the article words, when those words meet it in separate places', async () => {
    const tmp = tempDir();
    try {
      const s = new Situations(parseSituations('第781条\t裁缝 定做衣服 衣服做坏了 重做 返工 尺寸不对\n', 'test.tsv'), 'story');
      const { engine } = await buildOurs([work, report], testConfig(tmp.dir), { situations: s });
      const r = await engine.retriever.retrieve(engine.query(story));
      expect(r.coverage).toBeLessThan(testConfig(tmp.dir).retrieve.minCoverage);
      expect(r.relevant).toBe(true);
      expect(r.hits[0].chunk.text).toContain('第七百八十一条');
      // One word in one place is not enough: "裁缝" alone might be a story about anything a tailor does.
      const article = r.hits[0].chunkId;
      expect(situationMatch(story, engine.query(story).tokens, engine.lexical, article)).toEqual({ chars: 7, spans: 3 });
      const once = '我们村的裁缝去年搬到城里去了';
      expect(situationMatch(once, engine.query(once).tokens, engine.lexical, article)).toEqual({ chars: 2, spans: 1 });
    } finally {
      tmp.cleanup();
    }
  });
});
