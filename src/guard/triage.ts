// Offline intent triage by rules: crisis, requests for someone else's personal data, complaints, greetings,
// thanks, personal eligibility, or an ordinary question. Input: the redacted question folded to Simplified,
// half width (Traditional and full-width text must be folded by the caller; English is matched in any case).
//
// Decisions, because policy questions are full of words that sound alarming out of context:
// - 死亡, 自杀, 跳楼 in a legal or third-person question (死亡赔偿金, 被保险人自杀保险赔不赔, 遗产) stay questions.
//   Only first-person phrases of distress (不想活了, 想自杀, 活着没意思, 我被打了) are crisis messages; when such a
//   phrase comes inside a legal question the question is still answered, with the hotlines as a note.
// - 投诉/举报 asked about ("商家不给退货我能投诉吗", "怎么举报") is answered from the documents with the 12345 line
//   as a note; a message that *is* a complaint ("我要投诉村委会不作为") gets the fixed complaint reply.
// - A request for a named person's ID, phone or address is refused; offices (民政局的电话) are not persons.
// - 妳 (Traditional feminine you) survives folding to Simplified, so the greeting words list it.
import { escapeRegExp } from '../text/regex.ts';
import { PII_LABELS } from './pii.ts';
import type { Triage } from './types.ts';

const reply = (intent: Triage['intent'], confidence: number, cue: string): Triage => ({
  intent,
  confidence,
  handling: 'reply',
  cue,
});
const note = (intent: Triage['intent'], confidence: number, cue: string): Triage => ({
  intent,
  confidence,
  handling: 'answer-with-note',
  cue,
});

// First-person distress and danger. "想死亡赔偿金" must not read as 想死.
const CRISIS_STRONG = new RegExp(
  [
    '不想活|活不下去|活着没(?:有)?(?:意思|意义)|不如死了|想死(?!亡)',
    '(?:想|要|准备|打算)(?:去)?(?:自杀|轻生|寻死|跳楼|跳河|割腕|喝农药)|割腕|(?:想|要|准备|打算)?结束我的生命|(?:想|要|准备|打算)结束自己的生命|了结自己|伤害自己',
    '我被(?:人)?打了|有人(?:要)?打我(?!电话)|(?:他|她|老公|丈夫|老婆|男朋友|爸|妈)(?:又|在|正在)?打我(?!电话)',
    '要杀(?:了)?我|被家暴|救命(?![钱药稻])',
    "kill myself|i'?m suicidal|i am suicidal|feel suicidal|want to die|wanna die|end my life|end it all",
    "(?:don'?t|do not) want to live",
    'hurt(?:ing)? myself|cut(?:ting)? myself|being (?:beaten|hit|abused)|(?:going to|gonna|will) kill me',
  ].join('|'),
  'i',
);
// Alarming words that are also legal vocabulary: crisis only with a first-person subject and no legal framing.
const CRISIS_WEAK = /结束自己的生命|自杀|轻生|寻死|自残|跳楼|家暴|殴打|被打|打我(?!电话)|虐待|suicid|self[- ]?harm/i;
const FIRST_PERSON = /我|俺|本人|\bi\b|\bme\b|\bmy\b/i;
const LEGAL = new RegExp(
  [
    '赔偿|赔付|理赔|继承|遗产|遗嘱|保险|法律|法条|条款|第[0-9一二三四五六七八九十百千零]+条|规定|民法典|刑法',
    '责任|宣告|抚恤|丧葬|认定|判|起诉|官司|诉讼|离婚|手续|补助|补贴|救助|政策|申请|办理|低保|条件|标准',
    'compensation|insurance|inherit|law|legal|article|policy|subsid|apply',
  ].join('|'),
  'i',
);

const QUESTION_FRAME =
  /吗|\?|？|怎么|怎样|如何|哪里|哪儿|哪个|能不能|能否|可以|可不可以|有没有|是否|程序|流程|渠道|途径|规定|条件|\bhow\b|\bcan i\b|\bwhere\b/i;
const COMPLAINT =
  /投诉|举报|检举|反映问题|反映情况|反映一下|不作为|乱作为|乱收费|乱罚款|吃拿卡要|推诿|踢皮球|态度(?:恶劣|很差|差)|刁难|告状|上访|信访|\bcomplain/i;

// Someone's personal data: a request verb followed by "<owner>的<noun>", or "<owner>的<noun>是多少", or
// "<owner>住在哪". The owner must not be the asker (我的户口), an office (民政局的电话) or an activity (办理户口的地址).
const DATA_NOUN =
  '身份证号码|身份证号|身份证|手机号码|手机号|电话号码|电话|联系方式|家庭住址|住址|地址|银行卡号|银行卡|存款|工资卡|工资|收入|户籍|户口|车牌号|微信号|微信|qq号|病历|行踪|名下|工作单位|开房记录|聊天记录|通话记录|消费记录|行程|定位|密码';
const REQUEST = /我想知道|想知道|查一下|查一查|查查|帮我查|查询|查|告诉我|给我|发我|找一下|提供|看看|看一下|调出|调取/g;
const OWNER = '([^，。！？,.!?\\s]{1,8}?)';
const OWNED_AFTER_REQUEST = new RegExp(`^${OWNER}的?(?:${DATA_NOUN})`);
// "我儿媳妇的工资卡密码能告诉我吗": the data first, the request after it.
const OWNED_THEN_REQUEST = new RegExp(`^(?:请问)?${OWNER}的?(?:${DATA_NOUN})[^，。？?！!]{0,6}?(?:告诉我|发给我|给我看|查到|查一下)`);
const OWNED_ASKED = new RegExp(`^(?:请问)?${OWNER}的?(?:${DATA_NOUN})(?:号码?)?(?:是多少|是什么|多少|在哪里?|是哪)[吗呢啊\\p{P}\\s]*$`, 'u');
// 居住在哪 asks where a people or a group lives (encyclopaedic), not where a person's home is.
const LIVES = new RegExp(`^(?:请问)?${OWNER}(?<![居入常])(?:家)?住在?哪`);
const SELF = /^(?:我|我们|本人|自己|我自己|我家|俺|咱|咱们|个人|本人的)$/;
const ORGANISATION =
  /(?:局|委|办|厅|处|中心|部门|政府|医院|学校|法院|检察院|银行|公司|窗口|街道|社区|村委会|居委会|派出所|大厅|热线|机构|单位|部|站|所|馆|院)$/;
const NOT_A_PERSON = /办|申|补|领|缴|交|哪|怎|什么|所在|附近|最近|当地|本地|这里|那里/;
// A redacted number as it stands in the text ("[手机号]", "[车牌号]"…; a name's label is no number).
const NUMBER_LABEL = Object.entries(PII_LABELS)
  .filter(([kind]) => kind !== 'name')
  .map(([, label]) => escapeRegExp(label))
  .join('|');
const OWNER_OF_NUMBER = new RegExp(`(?:${NUMBER_LABEL}).{0,4}(?:是谁|谁的|机主|主人|户主)`);

// "[手机号]这个人欠我钱，能帮我查查他叫啥、住哪吗", "帮我查一下身份证号[身份证号]这个人名下有没有房": a lookup
// aimed at a third person by pronoun.
const PRONOUN_LOOKUP =
  /(?:查|告诉我|找出|打听)[^。？?！!]{0,16}(?:他|她|这个人|此人|对方|机主|车主|户主)(?:的|是)?(?:叫啥|叫什么|名字|姓名|真名|住哪|住在哪|住址|地址|电话|手机|身份证|单位|在哪|名下)/;

// "帮我查一下洋县槐树关镇的张伟是不是欠了别人钱，有没有被起诉过": a lookup of a named person's debts, lawsuits, record
// or property. A person is a common surname (the hundred most common cover most people) and one or two characters,
// right after the request, "的" or a place, and before what is asked of them.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const NAMED_STATUS = new RegExp(
  `(?:查|打听|核实|问问)[^。？?！!]{0,20}?(?:一下|下|的|镇|村|县|市|区|那个|这个|叫)([${SURNAMES}][\\u4e00-\\u9fa5]{1,2}?)(?:这个人|此人)?(?:是不是|有没有|有无|还)?[^。？?！!，,]{0,6}?(?:欠|起诉|被告|被判|犯过|犯了|坐过牢|坐牢|案底|名下|房产|存款|结过婚|离过婚|住哪|住在哪|电话|手机号|借钱|借了|贷款|失信|老赖)`,
);

// Lookups of third persons that name no owner before a data noun: where someone lives or works now ("帮我查一下我
// 前夫现在住在哪个小区"), a person designated by a number ("身份证号[身份证号]的人有没有结婚"), names with addresses or
// numbers ("把我们村所有低保户的名单和身份证号发给我"), and someone's illness ("她得的什么病你能查到吗").
const LOOKUP_VERBS = '发给我|发我|给我|告诉我|提供给我|查一下|查查|查询|帮我查|看看|看一下';
// Whether the message asks what the law allows ("公司能把员工的名字和电话发到群里吗"): a question, not a lookup.
const ASKS_LAWFUL = /合法|违法|侵犯|侵权|算不算|可以吗|能不能|能吗|行不行|允许|有权/;
const WHEREABOUTS = /(?:查|打听|找找|找一下|告诉我)[^。？?！!]{0,16}?(?:现在)?(?:住在?(?:哪|什么地方)|在哪(?:上班|工作|住))/;
const NUMBERED_PERSON = new RegExp(`(?:${NUMBER_LABEL})(?:这个|的)(?:人|机主|车主|户主)`);
const NAMES_WITH_DATA = new RegExp(
  `(?:名单|名字|姓名)[和及与、跟](?:身份证号?|电话|手机号?|住址|地址|联系方式)[^。？?！!]{0,6}(?:${LOOKUP_VERBS})|(?:${LOOKUP_VERBS})[^。？?！!]{0,24}(?<!我的)(?:名单|名字|姓名)[和及与、跟](?:身份证号?|电话|手机号?|住址|地址|联系方式)`,
);
const ILLNESS =
  /(?:[他她]|\p{Script=Han}{2,3}的?)(?:得的|得了|患的|患了|生的)(?:是)?(?:什么|啥)病[^。]{0,12}(?:查|告诉|打听)|(?:查|打听)[^。？?！!]{0,16}[他她](?:得的|得了|患的|患了)(?:是)?(?:什么|啥)病/u;

// The same lookups asked in English ("Can you find the home address of my ex-husband?", "What is Zhang Wei's phone
// number?"): a request, a kind of personal data, and a third person; not a question on what the law allows ("Can my
// landlord enter my flat?", "Is it legal to post someone's address?").
const EN_REQUEST =
  /\b(?:i need|i want|i'd like|find|look up|look for|check|search|tell me|give me|get me|send me|show me|what(?:'s| is| are)|where (?:does|is|do)|who owns|does|has)\b/i;
const EN_DATA =
  /\b(?:home address|address|phone(?: number)?|mobile(?: number)?|id (?:card )?number|identity card|bank (?:account|card)|salary|income|debts?|court cases?|lawsuits?|criminal record|under (?:his|her|their) name|registered under|lives?|works?|workplace|chat (?:history|records?)|messages|password|medical records?|hotel records?)\b/i;
const EN_THIRD =
  /\b(?:my\s+(?:ex\b[- ]?\w*|husband|wife|spouse|partner|boyfriend|girlfriend|neighbou?r|brother|sister|father|mother|dad|mom|mum|son|daughter|boss|colleague|co-?worker|friend|landlord|tenant|\w+-in-law)|his|her|their|this person|that person|someone|somebody|the owner)\b|\b[A-Z][a-z]+ [A-Z][a-z]+(?:'s)?\b(?<!\b(?:Yang|Civil|Work|Government|People|State|National|Supreme|Hong|Macau|Inner|New|Chinese|China)\s\w+)/;
const EN_LAW =
  /\b(?:can|may|could|must|should) (?:my|a|an|the|someone|somebody|he|she|they|companies|employers?|landlords?|i|we)\b|\b(?:legal|illegal|allowed|lawful|right to|entitled|(?<!-)law)\b/i;

// Any other lookup of a third person's life, asked of the bot ("把张三的家庭情况发给我", "能帮我定位一下我老公现在在哪吗",
// "查一下这个车是谁的：[车牌号]", "我想要一份我们小区业主的联系方式"): a request to find out, a person other than the
// asker (a pronoun, a relation, a name, a number), and something of their life; not a question on what the law says
// of them ("我想查一下我老公的婚前财产怎么算").
const LOOKUP_ASK = /查|打听|定位|发给我|发我|给我看|给我查|告诉我|你知道|能查到|帮我找|要一份|\bfind out\b|\blook up\b|\bwho does\b|\bwhose\b|\btrack\b/i;
const THIRD_PERSON = new RegExp(
  `[他她]|这个人|此人|对方|这个车|这辆车|这个号码?|老公|老婆|丈夫|妻子|前夫|前妻|男朋友|女朋友|对象|邻居|同事|领导|老板|村支书|村长|支书|业主|租客|房东|儿媳|女婿|公公|婆婆|亲戚|同学|老[${SURNAMES}]|小[${SURNAMES}]|[${SURNAMES}][\u4e00-\u9fa5]{1,2}(?=的|是|家|有|，|,|：)|${NUMBER_LABEL}|\\bthis (?:phone )?number\\b|\\bthis (?:car|plate)\\b`,
);
const LIFE =
  /家庭情况|婚史|结过婚|离过婚|结婚了|跟谁|存款|财产|收入|工资|联系方式|私人电话|电话|手机|住址|地址|住哪|在哪|位置|行踪|车主|是谁的|谁的|名下|什么病|案底|犯罪|开房|聊天|\bbelong to\b|\bcriminal record\b|\bwhere (?:he|she|they) (?:lives?|works?)\b/i;
const LAW_QUESTION =
  /怎么算|怎么分|归谁|算不算|属于|法律|规定|合法|违法|侵犯|侵权|怎么办|要不要|该不该|能不能要|能分|有权|权利|权力|赔|\blegal\b|\blaw\b|\ballowed\b/i;

function isPerson(owner: string): boolean {
  const o = owner.replace(/^(?:一下|下|请|帮忙)/, '');
  // A redaction label ("查一下[身份证号]") is the asker's own data, not somebody's name.
  return !!o && !SELF.test(o) && !ORGANISATION.test(o) && !NOT_A_PERSON.test(o) && !/^[\d\s]+$/.test(o) && !/[[\]]/.test(o);
}

function othersData(text: string): string | undefined {
  if (OWNER_OF_NUMBER.test(text)) return 'owner-of-number';
  if (PRONOUN_LOOKUP.test(text)) return 'pronoun';
  if (NAMED_STATUS.test(text)) return 'named-person';
  if (WHEREABOUTS.test(text)) return 'whereabouts';
  if (NUMBERED_PERSON.test(text)) return 'numbered-person';
  if (NAMES_WITH_DATA.test(text) && !ASKS_LAWFUL.test(text)) return 'names-with-data';
  if (ILLNESS.test(text)) return 'illness';
  // The asker's own name ("我叫张丽，手机号…") is not a third person.
  const others = text.replace(/(?:我叫|我是|本人)[\u4e00-\u9fa5]{2,3}/g, '');
  if (LOOKUP_ASK.test(others) && THIRD_PERSON.test(others) && LIFE.test(others) && !LAW_QUESTION.test(others)) return 'third-person';
  if (EN_REQUEST.test(text) && EN_DATA.test(text) && EN_THIRD.test(text) && !EN_LAW.test(text)) return 'english-lookup';
  // After the last request verb: "帮我查一下张三的身份证号" -> "一下张三的身份证号".
  let rest: string | undefined;
  REQUEST.lastIndex = 0;
  for (let m = REQUEST.exec(text); m; m = REQUEST.exec(text)) rest = text.slice(m.index + m[0].length);
  if (rest !== undefined) {
    const m = OWNED_AFTER_REQUEST.exec(rest);
    if (m && isPerson(m[1])) return 'request';
  }
  for (const re of [OWNED_ASKED, OWNED_THEN_REQUEST, LIVES]) {
    const m = re.exec(text);
    if (m && isPerson(m[1])) return re === LIVES ? 'lives-where' : 'asked';
  }
  return undefined;
}

const GREETING = '你好|妳好|您好|大家好|嗨|哈喽|哈啰|哈罗|喂|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早安|早|hi|hello|hey|/start';
const THANKS = '谢谢|多谢|感谢|谢了|谢啦|辛苦了|辛苦|好的|好|ok|okay|明白了|明白|知道了|懂了|收到|thanks|thank you|thx|ty|great|got it';
// Address words and particles that may surround a greeting or a thanks without making it a question.
const COURTESY = '机器人|小助手|助手|客服|老师|同志|bot|非常|十分|太|很|真|你们|你|妳|您|啊|呀|哈|哦|噢|嗯|呢|啦|了|的|[\\p{P}\\p{S}\\s]';
// The whole message made of greeting (or thanks) words and courtesy, with at least one greeting (or thanks).
const only = (words: string) => new RegExp(`^(?:${words}|${COURTESY})*(?:${words})(?:${words}|${COURTESY})*$`, 'iu');
const GREETING_ONLY = only(GREETING);
const THANKS_ONLY = only(THANKS);
const COURTESY_ONLY = new RegExp(`^(?:${COURTESY})+$`, 'iu');

const ELIGIBILITY = new RegExp(
  [
    '我(?:家|们|这种情况|这样的)?.{0,12}(?:能不能|能否|可不可以|可以|能|够不够)(?:领|申请|享受|办|拿|获得|报销|参加|参保|落户|入)',
    '我.{0,15}(?:符合|够|满足|达到|够得上).{0,12}(?:条件|标准|资格|要求)',
    '我.{0,8}(?:有没有|有)(?:资格|权利)',
    '我.{0,10}算不算|我.{0,10}属于.{1,12}吗',
    'am i eligible|do i qualify|can i (?:get|apply|claim|receive)|am i entitled',
  ].join('|'),
  'i',
);

/** The intent of one message, by fixed rules; the first rule that fires decides. */
export function triage(text: string): Triage {
  const t = text.trim();
  const strong = CRISIS_STRONG.exec(t);
  if (strong) return LEGAL.test(t) ? note('crisis', 0.6, strong[0]) : reply('crisis', 0.95, strong[0]);
  const weak = CRISIS_WEAK.exec(t);
  if (weak && FIRST_PERSON.test(t) && !LEGAL.test(t)) return note('crisis', 0.5, weak[0]);

  const data = othersData(t);
  if (data) return reply('others-data', 0.85, data);

  const complaint = COMPLAINT.exec(t);
  if (complaint) {
    return QUESTION_FRAME.test(t) ? note('complaint', 0.5, complaint[0]) : reply('complaint', 0.85, complaint[0]);
  }

  if (GREETING_ONLY.test(t)) return reply('greeting', 0.9, 'greeting');
  if (THANKS_ONLY.test(t)) return reply('thanks', 0.9, 'thanks');
  if (COURTESY_ONLY.test(t)) return reply('greeting', 0.6, 'courtesy-only');

  const eligible = ELIGIBILITY.exec(t);
  if (eligible) return { intent: 'eligibility', confidence: 0.8, handling: 'answer', cue: eligible[0] };
  return { intent: 'question', confidence: 0.6, handling: 'answer' };
}
