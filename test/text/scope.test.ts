import { describe, expect, it } from 'vitest';
import { docMetadata } from '../../src/corpus/metadata.ts';
import { shippedReadings } from '../../src/text/homophones.ts';
import { matchForm } from '../../src/text/normalize.ts';
import { articleLabel, type CatalogDoc, inScope, missingYears, parseScope } from '../../src/text/scope.ts';

const doc = (title: string, path = 'r.jsonl', date?: string): CatalogDoc => ({ id: title, title, meta: docMetadata({ path, title, date }) });
const catalog = [
  doc('2025年中华人民共和国国务院政府工作报告'),
  doc('2024年中华人民共和国国务院政府工作报告'),
  doc('2023年中华人民共和国国务院政府工作报告'),
  doc('2019年中华人民共和国国务院政府工作报告'),
  doc('第十三届全国人民代表大会第三次会议关于政府工作报告的决议'),
  doc('中华人民共和国民法典 婚姻家庭编', 'civil-code/婚姻家庭编.md'),
];

describe('question scope', () => {
  it('reads explicit years, in Arabic or Chinese digits, and not amounts', () => {
    expect(parseScope('2015年cpi涨幅目标是多少', catalog)).toMatchObject({ years: [2015], explicitYears: true });
    expect(parseScope('二〇一九年的政府工作报告说了什么', catalog)).toMatchObject({ years: [2019], kinds: ['work-report'] });
    expect(parseScope('每月2000元的补贴怎么领', catalog).years).toEqual([]);
    expect(parseScope('what was the growth target in 2019?', catalog).years).toEqual([2019]);
    // Two digits, as people say them, when the year is a time of its own and not a count of years.
    expect(parseScope('俺爹说79年那会儿国家提了个八个字的方针', catalog).years).toEqual([1979]);
    // "我们这种企业" is a kind of business, not "我们这儿" (our county).
    const withCounty = [...catalog, doc('2月25日,洋县召开文明提升工程暨常态化扫黑除恶斗争工作动员会', 'seed/000.txt')];
    expect(parseScope('我们这种小微企业存量的留抵税额啥时候能退完', withCounty).kinds).not.toContain('local');
    expect(parseScope('我们这儿扫黑除恶开过什么会', withCounty).kinds).toContain('local');
    // The county as English speakers write it, read from the pinyin of the title's place.
    const readings = shippedReadings();
    expect(parseScope(matchForm('What kind of civilized city is Yang County trying to become?'), withCounty, readings).kinds).toEqual(['local']);
    expect(parseScope(matchForm('Is Yangxian holding a meeting on crime?'), withCounty, readings).kinds).toEqual(['local']);
    expect(parseScope(matchForm('What is the yearly target for county roads?'), withCounty, readings).kinds).not.toContain('local');
    // "咱这儿" is where the asker lives: a custom or a family matter there is not the county government's business.
    expect(parseScope('咱这儿彩礼一般要多少，女方不退彩礼犯法不', withCounty).kinds).not.toContain('local');
    expect(parseScope('俺村边上那个化工厂往河里排脏水，能找厂子赔不', withCounty).kinds).not.toContain('local');
    expect(parseScope('八三年的报告说到本世纪末要翻几番', catalog).years).toEqual([1983]);
    expect(parseScope('俺记得七八年那会儿国家说到八五年粮食要打多少斤', catalog).years).toEqual([1978]);
    expect(parseScope('结婚后我们一起住了七八年，现在要离婚了', catalog).years).toEqual([]);
    // A story's two-digit year that the question points back to ("那年", "那时候") is a year, whatever verb follows.
    expect(parseScope('我是98年下岗的，那年国家对下岗职工有啥政策', catalog)).toMatchObject({ years: [1998], kinds: ['work-report'] });
    expect(parseScope('我爸是79年从部队转业的，那时候国家提了个八字方针是啥', catalog).years).toEqual([1979]);
    expect(parseScope('我们结婚七八年了，那时候彩礼给了五万，现在离婚能要回来吗', catalog).years).toEqual([]);
    expect(parseScope('七八年前借给他的钱还能要吗', catalog).years).toEqual([]);
  });

  it('reads a year with 报告 as that year’s work report, and a year alone as no collection', () => {
    expect(parseScope('是2019年那个报告说的不', catalog)).toMatchObject({ years: [2019], kinds: ['work-report'] });
    expect(parseScope('我2019年结婚的，现在能离婚吗', catalog)).toMatchObject({ years: [2019], kinds: [] });
    // What the state said that year is in that year's report; the asker's own year keeps the laws.
    expect(parseScope('2019年国家提的方针是什么', catalog)).toMatchObject({ years: [2019], kinds: ['work-report'] });
    expect(parseScope('我2019年结婚的，国家规定能离婚吗', catalog)).toMatchObject({ years: [2019], kinds: [] });
    // A year someone (unnamed) said something in, or a year with a policy word, is that year's report, even in a
    // story with a child's age; a story that only passes through a year ("2019年借给他钱，他说…") is not.
    expect(parseScope('孩子一岁半，2019年不是说带孩子的钱能从个税里扣吗', catalog)).toMatchObject({ years: [2019], kinds: ['work-report'] });
    // How much a year achieved is reviewed in the next report; that year's report is asked when named, or when the
    // year before it is ("2025年前一年实际减少了多少").
    expect(parseScope('2023年的退休金涨了多少', catalog)).toMatchObject({ years: [2024], kinds: ['work-report'] });
    expect(parseScope('2023年的报告说退休金涨了多少', catalog)).toMatchObject({ years: [2023], kinds: ['work-report'] });
    expect(parseScope('2025年前一年实际减少了多少', catalog).years).toEqual([2025]);
    expect(parseScope('2023年退休金打算涨多少', catalog).years).toEqual([2023]);
    expect(parseScope('2019年借给他两万块钱，他说年底还', catalog)).toMatchObject({ years: [2019], kinds: [] });
    // Farm policy words count too: grain prices, the farm tax.
    expect(parseScope('2019年农业税是不是全免了', catalog)).toMatchObject({ years: [2019], kinds: ['work-report'] });
    expect(parseScope('去年小麦的最低收购价提高了没有', catalog).years).toEqual([2024]);
    // How much last year achieved is reviewed in the newest report; last year's target is in last year's.
    expect(parseScope('去年空气质量改善了多少，PM2.5降了多少', catalog)).toMatchObject({ years: [2025], kinds: ['work-report'] });
    expect(parseScope('去年经济增长目标定了多少', catalog).years).toEqual([2024]);
    expect(parseScope('去年我的工资涨了多少', catalog).years).toEqual([]);
  });

  it('reads a year with no report of its own as the next report, which reviews it, unless the report is named', () => {
    expect(parseScope('2024年国内生产总值达到多少', catalog.slice(0, 1)).years).toEqual([2025]);
    expect(parseScope('2024年政府工作报告说国内生产总值达到多少', catalog.slice(0, 1)).years).toEqual([2024]);
    expect(parseScope('2024年国内生产总值达到多少', catalog).years).toEqual([2024]);
  });

  it('names a law the question cites without book-title marks, longest name first', () => {
    expect(parseScope('道路交通安全法对酒后驾驶怎么处罚', catalog).documents).toEqual(['道路交通安全法']);
    expect(parseScope('劳动合同法规定的试用期最长多久', catalog).documents).toEqual(['劳动合同法']);
  });

  it('reads a law the Civil Code replaced as the book that holds it now', () => {
    expect(parseScope('婚姻法规定的结婚年龄是多少', catalog)).toMatchObject({ book: '婚姻家庭编', documents: [] });
    expect(parseScope('婚姻法规定的结婚年龄是多少', catalog.slice(0, 2)).documents).toEqual(['婚姻法']);
  });

  it('resolves relative years against the newest report, but only for questions about the reports', () => {
    expect(parseScope('去年的gdp增长目标是多少', catalog).years).toEqual([2024]);
    expect(parseScope('前年的政府工作报告说居民收入增长了多少', catalog).years).toEqual([2023]);
    expect(parseScope('我女儿今年22岁了能结婚吗', catalog).years).toEqual([]);
    expect(parseScope('俺是退休工人，听说今年退休金又要涨，到底涨百分之几', catalog).years).toEqual([2025]);
    expect(parseScope('今年生日那天我满十八岁，能自己办手续吗', catalog).years).toEqual([]);
    expect(parseScope('How much does the government plan to borrow this year?', catalog)).toMatchObject({ years: [2025], kinds: ['work-report'] });
    expect(parseScope('今年国家对养老金有什么新政策', catalog)).toMatchObject({ years: [2025], kinds: ['work-report'] });
    expect(parseScope('I turned 22 this year, can I marry?', catalog).years).toEqual([]);
  });

  it('reads a difference asked between two years as the later report, which states it', () => {
    expect(parseScope('赤字率今年比去年提高了多少', catalog).years).toEqual([2025]);
    expect(parseScope('2024年的财政支出比2023年增加了多少', catalog).years).toEqual([2024]);
    // Targets are set each in its own report and not compared there: both years answer.
    expect(parseScope('粮食产量的目标今年跟去年比有啥变化', catalog).years).toEqual([2024, 2025]);
    expect(parseScope('2024年的增长目标比2023年低了多少', catalog).years).toEqual([2023, 2024]);
    // Two years named without a difference asked stay two.
    expect(parseScope('今年和去年的赤字率各是多少', catalog).years).toEqual([2024, 2025]);
  });

  it('reads article numbers in either numeral system, and not "一条狗" or 条件', () => {
    expect(parseScope('民法典第1079条说了什么', catalog).article).toBe(1079);
    expect(parseScope('民法典第一千零六十七条讲的什么', catalog).article).toBe(1067);
    expect(parseScope('民法典1067条', catalog).article).toBe(1067);
    expect(parseScope('民法典40条是啥', catalog).article).toBe(40);
    expect(parseScope('我家一条狗咬了人怎么办', catalog).article).toBeUndefined();
    expect(parseScope('收养孩子要满足什么条件', catalog).article).toBeUndefined();
    expect(articleLabel(1079)).toBe('第一千零七十九条');
  });

  it('names the collection and the book', () => {
    expect(parseScope('第十三届全国人大关于政府工作报告的决议', catalog).kinds).toEqual(['npc-resolution']);
    expect(parseScope('民法典婚姻家庭编对彩礼怎么规定', catalog)).toMatchObject({ kinds: ['law'], book: '婚姻家庭编' });
  });

  it('filters documents: other years out; undated laws in for a story, out for a question about the year', () => {
    const kept = (q: string) => catalog.filter((d) => inScope(d.meta, parseScope(q, catalog))).map((d) => d.title);
    expect(kept('我2019年借给他的钱还没还')).toEqual(['2019年中华人民共和国国务院政府工作报告', '中华人民共和国民法典 婚姻家庭编']);
    expect(kept('2019年的gdp目标')).toEqual(['2019年中华人民共和国国务院政府工作报告']);
    expect(kept('就是2019年那会儿下岗职工的生活费涨了多少')).toEqual(['2019年中华人民共和国国务院政府工作报告']);
    expect(kept('2019年借给他两万块钱，他说年底还')).toContain('中华人民共和国民法典 婚姻家庭编');
  });

  it('reads a two-digit year before words of the economy, unless a year is said more plainly', () => {
    expect(parseScope('97年经济增长的目标定的多少', catalog).years).toEqual([1997]);
    expect(parseScope('俺记得七八年那会儿国家说到八五年粮食要打多少斤', catalog).years).toEqual([1978]);
    expect(parseScope('俺家的牛养了七八年了', catalog).years).toEqual([]);
    expect(parseScope('95年为啥要把经济增长速度定得低一点', catalog).years).toEqual([1995]);
    expect(parseScope('七八年前借给他的钱', catalog).years).toEqual([]);
  });

  it('reads what the state hands out or launches as the reports, what it rules as the law', () => {
    expect(parseScope('听说国家要给生孩子的家里发钱了，真的假的', catalog).kinds).toEqual(['work-report']);
    expect(parseScope('国家规定的结婚年龄是多少', catalog).kinds).toEqual([]);
    expect(parseScope('我生孩子国家给发钱吗', catalog).kinds).toEqual([]);
  });

  it('reads the year of the report named, not the year its plans were for', () => {
    expect(parseScope('1978年的政府工作报告定的粮食目标是到1985年达到多少斤', catalog).years).toEqual([1978]);
  });

  it('tells which named years have no report, even when a resolution on that year exists', () => {
    expect(missingYears(parseScope('2020年政府工作报告的gdp目标', catalog), catalog)).toEqual([2020]);
    expect(missingYears(parseScope('2019年gdp目标', catalog), catalog)).toEqual([]);
    expect(missingYears(parseScope('2020年人大关于政府工作报告的决议', catalog), catalog)).toEqual([]);
  });
});
