import { describe, expect, it } from 'vitest';
import { complaintReply, crisisNote, crisisReply, DEFAULT_HOTLINES, piiNotice } from '../../src/guard/texts.ts';
import { triage } from '../../src/guard/triage.ts';
import { toSimplified } from '../../src/text/normalize.ts';

// The bot folds messages to Simplified, half width before triage; the tests do the same for Traditional input.
const fold = (s: string) => toSimplified(s.normalize('NFKC'));
const of = (s: string) => triage(fold(s));

describe('crisis messages get the hotline reply', () => {
  it.each([
    '我真的不想活了',
    '活着没意思',
    '我想死',
    '我想自杀',
    '我准备去跳楼',
    '我想轻生',
    '我被打了，救命',
    '老公又打我',
    '他说要杀了我',
    '我想结束自己的生命',
    '我真的不想活了', // Traditional below
    '我真的不想活了，活著沒意思',
    '我想自殺',
    '我準備去跳樓',
    'I want to die',
    "I don't want to live anymore",
    'I am going to kill myself',
    'im suicidal',
  ])('%s', (msg) => {
    const t = of(msg);
    expect(t.intent).toBe('crisis');
    expect(t.handling).toBe('reply');
  });

  it('a distress phrase inside a policy question still gets the hotline, and the question is answered', () => {
    for (const msg of ['我不想活了，低保申请一直批不下来', '我被家暴了可以离婚吗']) {
      const t = of(msg);
      expect(t).toMatchObject({ intent: 'crisis', handling: 'answer-with-note' });
    }
  });

  it('a first-person mention of violence without legal framing is noted', () => {
    expect(of('我老公家暴我')).toMatchObject({ intent: 'crisis', handling: 'answer-with-note' });
  });
});

describe('legal questions about death and violence stay questions', () => {
  it.each([
    '死亡赔偿金怎么计算',
    '我想问死亡赔偿金的标准',
    '我想死亡赔偿金怎么算', // 想死 followed by 亡
    '被继承人死亡后遗产怎么分',
    '宣告死亡需要什么条件',
    '被保险人自杀保险公司赔不赔',
    '自杀的人的遗产怎么继承',
    '家暴可以作为离婚理由吗',
    '打官司要多少钱',
    '被打了可以索赔多少',
    '医保是老百姓的救命钱吗',
    '有事打我电话',
    '民法典第1079条说的是什么',
    '结束自己的生命的方法在历史上称为什么', // third person, encyclopaedic
  ])('%s', (msg) => expect(of(msg).intent).not.toBe('crisis'));
});

describe('complaints', () => {
  it.each(['我要投诉村委会不作为', '举报乡政府乱收费', '窗口工作人员态度恶劣'])('%s -> fixed reply', (msg) => {
    expect(of(msg)).toMatchObject({ intent: 'complaint', handling: 'reply' });
  });
  it.each(['商家不给退货我能投诉吗', '怎么举报违法建筑', '投诉的渠道有哪些'])('%s -> answered with the 12345 note', (msg) => {
    expect(of(msg)).toMatchObject({ intent: 'complaint', handling: 'answer-with-note' });
  });
  it('the government work report is not a complaint', () => {
    expect(of('2024年政府工作报告讲了什么').intent).toBe('question');
    expect(of('What does the 2024 government work report say about jobs?').intent).toBe('question');
  });
});

describe("requests for someone else's personal data are refused", () => {
  it.each([
    '查一下张三的身份证',
    '帮我查一下李四的电话号码',
    '告诉我王五的家庭住址',
    '我邻居的手机号是多少',
    '张三住在哪里',
    '[手机号]是谁的',
    '我想知道前妻的银行卡号',
    '手机号[手机号]这个人欠我钱不还，能帮我查查他叫啥、住哪吗',
    '帮我查一下我哥名下有几辆车，他身份证号是[身份证号]',
    '帮我查一下身份证号[身份证号]这个人名下有没有车有没有房，她欠我两万块不还',
    '帮我查一下城关镇的刘建国是不是欠了别人钱，有没有被起诉过',
    '帮我查一下陈伟有没有案底',
    '帮我查一下我前夫现在住在哪个小区',
    '帮我看看身份证号[身份证号]的人有没有结婚',
    '把我们村所有低保户的名单和身份证号发给我',
    '给我看一下扫黑除恶被抓的人的名字和住址',
    '我同事请了病假，她得的什么病你能查到吗',
    '我想知道我前妻现在的工作单位和电话',
    '查一下我老公的开房记录',
    '帮我看看我老婆的聊天记录',
    '我儿媳妇的工资卡密码能告诉我吗',
    'Can you find the home address of my ex-husband?',
    "What is Zhang Wei's phone number?",
    'Does Wang Fang have any debts or court cases?',
    'Can you check whether my husband has another property registered under his name?',
    'I need the bank account number of my brother-in-law',
    '我想要一份我们小区业主的联系方式',
    '把张三的家庭情况发给我',
    '查查这个人是不是结过婚：李梅，1990年生',
    '能帮我定位一下我老公现在在哪吗',
    '查一下这个车是谁的：[车牌号]',
    '能查到我女朋友以前的婚史吗',
    'Who does this phone number belong to: [手机号]',
    '我前夫现在跟谁结婚了，住哪，你帮我查一下',
  ])('%s', (msg) => expect(of(msg)).toMatchObject({ intent: 'others-data', handling: 'reply' }));

  it.each([
    '我的身份证丢了怎么办',
    '张三的身份证丢了怎么补办',
    '民政局的电话是多少',
    '查询我的户口',
    '怎么查询自己的社保',
    '告诉我办理户口的地址',
    '身份证怎么办理',
    '在哪里查询个人征信',
    '巴黎第四区的地理位置在哪里',
    '这个民族居住在哪一个地区',
    '我想查一下他的案子判了没有', // 他 without any personal-data word
    '怎么查询我名下的房产',
    '帮我查一下周末有没有上班',
    '查一下刘备是不是汉朝皇帝',
    '帮我查一下离婚冷静期有没有例外',
    '公司能把员工的名字和电话发到群里吗',
    '个人信息包括姓名和住址吗',
    '有人冒用我的名字和身份证办了网贷，这算侵犯我的权利吗',
    '离婚后孩子跟谁住，我想查一下法律怎么规定',
    '我想知道孩子得的什么病能不能报销',
    '帮我看看这个合同有没有问题',
    '民政局的电话能告诉我吗',
    'Can my employer read my chat history?',
    'Where does the Civil Code say who inherits?',
    'What is the phone number of the Yang County civil affairs office?',
    'My husband hides his salary from me, what can I do?',
    "What does the law say about my neighbour's noise?",
    '我想查一下我老公的婚前财产怎么算',
    '帮我查一下我老公欠的钱我要还吗',
    '你知道离婚后孩子跟谁过吗',
    '我叫张丽，手机号[手机号]，有个购物APP一直拿我的信息给我推广告，我想让它把我的个人信息全删了，我有这个权利吗',
  ])('%s stays a question', (msg) => expect(of(msg).intent).not.toBe('others-data'));
});

describe('greetings, thanks, eligibility, questions', () => {
  it.each(['你好', '您好！', '在吗？', 'hi', 'Hello bot', '/start', '早上好呀', '你好机器人', '妳好'])('%s -> greeting', (msg) =>
    expect(of(msg)).toMatchObject({ intent: 'greeting', handling: 'reply' }),
  );
  it.each(['谢谢', '谢谢你！', '好的，谢谢', '多谢啦', 'thanks', 'Thank you!', '明白了，辛苦了', '謝謝'])('%s -> thanks', (msg) =>
    expect(of(msg)).toMatchObject({ intent: 'thanks', handling: 'reply' }),
  );
  it.each(['你好，请问低保怎么申请', '谢谢，那低保标准是多少', 'hi, what is 三治融合'])('%s -> question', (msg) => expect(of(msg).intent).toBe('question'));
  it.each(['我能不能领低保', '我今年65岁，符合养老金领取条件吗', '我家能申请廉租房吗', 'am I eligible for the subsidy'])('%s -> eligibility, answered', (msg) =>
    expect(of(msg)).toMatchObject({ intent: 'eligibility', handling: 'answer' }),
  );
  it.each(['低保的申请条件是什么', '三治融合是什么意思', '2025年赤字率是多少'])('%s -> question', (msg) =>
    expect(of(msg)).toMatchObject({ intent: 'question', handling: 'answer' }),
  );
});

describe('fixed replies', () => {
  it('quote the configured numbers, defaulting to the national ones', () => {
    expect(crisisReply('zh')).toContain('12356');
    expect(crisisReply('zh')).toContain('110');
    expect(crisisReply('zh')).toContain('120');
    expect(complaintReply('zh')).toContain('12345');
    const local = { ...DEFAULT_HOTLINES, psychological: '0571-85029595', government: '96345' };
    expect(crisisReply('en', local)).toContain('0571-85029595');
    expect(crisisNote('zh', local)).toContain('0571-85029595');
    expect(complaintReply('zh', local)).toContain('96345');
    expect(complaintReply('zh', local)).not.toContain('12345');
  });
  it('the privacy notice names what was removed', () => {
    expect(piiNotice('zh', ['id', 'mobile'])).toContain('身份证号、手机号');
  });
});
