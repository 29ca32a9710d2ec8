// How the gap clustering scales and whether topics stay apart: made-up refused questions (17 phrasings of 14
// topics, with politeness and urgency words around them) clustered at 17 to 5,000 questions over the shipped
// index's IDF, as the report does.   npx tsx scripts/report-scale.ts

import { App } from '../src/app/app.ts';
import { clusterQuestions } from '../src/app/report/cluster.ts';
import { Lexicon } from '../src/text/lexicon.ts';
import { shippedIndex } from '../test/helpers/shipped-index.ts';

const idx = await shippedIndex({ EMBEDDINGS_DIM: '128' });
const app = App.open(idx.config);
const lex = Lexicon.load();
const e = app.engine;
const maxIdf = e.lexical.idf('\u0000none');
const opts = { tokenizer: e.tokenizer, lexicon: lex, weight: (t: string) => e.lexical.idf(t) / maxIdf };
const stems = [
  '新农合一年交多少钱',
  '农村医保每年交多少钱',
  '新农合缴费标准是多少',
  '养狗要办证吗',
  '村里养狗需要登记吗',
  '驾照到期怎么换证',
  '宅基地能卖吗',
  '低保怎么申请',
  '护照怎么申请',
  '退休金什么时候涨',
  '孩子上学户口要求',
  '彩礼能要回来吗',
  '工伤怎么认定',
  '老房子拆迁补偿标准',
  '社保断缴怎么办',
  '离婚后孩子归谁',
  '离婚了小孩跟谁过',
];
const tails = ['', '？', '啊', '，急', '，谢谢', '呢', '请问'];
for (const n of [17, 500, 2000, 5000]) {
  const qs = Array.from({ length: n }, (_, i) => ({
    text: tails[i % 7] + stems[i % stems.length] + tails[(i * 3) % 7],
    asker: `u${i % 300}`,
    at: i,
    why: 'refused' as const,
  }));
  const t = performance.now();
  const c = clusterQuestions(qs, { ...opts, limit: 100 });
  console.log(
    n,
    'questions:',
    Math.round(performance.now() - t),
    'ms,',
    c.length,
    'clusters:',
    c.map((x) => `${x.terms.slice(0, 2).join('/')}(${x.users})`).join(' '),
  );
}
idx.cleanup();
