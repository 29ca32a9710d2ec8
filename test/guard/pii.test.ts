import { describe, expect, it } from 'vitest';
import { findPersonalData, onlyPersonalLookup, redact } from '../../src/guard/pii.ts';
import { isBankCard, isResidentId, luhnValid } from '../../src/guard/pii-numbers.ts';

describe('resident ID check digit', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['440308199901010012', true],
    ['510102200002291230', true], // 29 February 2000 exists
    ['110101199003077774', true],
    ['110101199003077775', false], // wrong check digit
    ['11010519491231002Y', false],
    ['440308199901010013', false],
    ['440308199913010012', false], // month 13
    ['510102200102291230', false], // 29 February 2001 does not exist
    ['040308199901010012', false], // no region starts with 0
    ['110105491231002', true], // 15-digit, born 1949-12-31
    ['110105491331002', false], // 15-digit, month 13
  ])('%s -> %s', (id, ok) => expect(isResidentId(id)).toBe(ok));
});

describe('Luhn', () => {
  it.each([
    ['6222021234567890128', true],
    ['6222021234567890127', false],
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['621483123456789', true],
  ])('%s -> %s', (n, ok) => expect(luhnValid(n)).toBe(ok));

  it('a Luhn-valid run of years is not a card (cards open with 3-6 or 9)', () => {
    expect(luhnValid('2015201620172018')).toBe(true);
    expect(isBankCard('2015201620172018')).toBe(false);
    expect(redact('2015 2016 2017 2018年').found).toEqual([]);
  });
});

describe('redact: personal data is replaced by its label', () => {
  it.each([
    ['我的身份证号是11010519491231002X，能办低保吗', '我的身份证号是[身份证号]，能办低保吗'],
    ['身份证 110101 19900307 7774 丢了', '身份证 [身份证号] 丢了'],
    ['身份证110101-1990-0307-7774', '身份证[身份证号]'],
    ['老身份证110105491231002还能用吗', '老身份证[身份证号]还能用吗'],
    ['电话13812345678', '电话[手机号]'],
    ['手机 138 1234 5678 联系我', '手机 [手机号] 联系我'],
    ['手机138-1234-5678', '手机[手机号]'],
    ['+86 138 1234 5678', '[手机号]'],
    ['+8613812345678', '[手机号]'],
    ['0086-13812345678', '[手机号]'],
    ['座机010-62345678', '座机[电话]'],
    ['座机 (0755) 8888 6666', '座机 [电话]'],
    ['座机0755-88886666转123', '座机[电话]转123'],
    ['打02187654321', '打[电话]'],
    ['卡号6222 0212 3456 7890 128', '卡号[银行卡号]'],
    ['卡号6222021234567890128', '卡号[银行卡号]'],
    ['卡号 4111-1111-1111-1111', '卡号 [银行卡号]'],
    ['发到zhang.san+1@example.com.cn就行', '发到[邮箱]就行'],
    ['12345678@qq.com', '[邮箱]'],
    ['车牌京A12345被扣了', '车牌[车牌号]被扣了'],
    ['粤B·D12345是新能源车', '[车牌号]是新能源车'],
    ['沪a 12345', '[车牌号]'],
    ['苏E12345D', '[车牌号]'],
    ['川A1234学', '[车牌号]'],
    ['身份证110101199003077774手机13812345678', '身份证[身份证号]手机[手机号]'],
    ['110101 19900307 7774 13812345678', '[身份证号] [手机号]'],
    // A wrong check digit is a typo, not a reason to keep the number: region and birth date make it an ID.
    ['身份证号110101199003077775', '身份证号[身份证号]'],
    ['身份证号610323195805120031', '身份证号[身份证号]'], // Luhn-valid too, still an ID
    ['我叫王建军，身份证丢了', '我叫[姓名]，身份证丢了'],
    ['姓名：李秀兰。', '姓名：[姓名]。'],
  ])('%s', (input, expected) => expect(redact(input).text).toBe(expected));

  it('reports each kind once, in order of appearance', () => {
    const r = redact('13812345678和13912345678，身份证11010519491231002X，邮箱a@b.cn');
    expect(r.found).toEqual(['mobile', 'id', 'email']);
    expect(r.text).toBe('[手机号]和[手机号]，身份证[身份证号]，邮箱[邮箱]');
  });

  it('gives offsets into the input', () => {
    const text = '号码：138 1234 5678。';
    const [m] = findPersonalData(text);
    expect(text.slice(m.start, m.end)).toBe('138 1234 5678');
  });
});

describe('redact: ordinary numbers in policy questions stay', () => {
  it.each([
    '2015年的政府工作报告提到了什么',
    '补贴标准是每人每月3000元吗',
    'GDP增长5.2%，总量1260582亿元',
    '民法典第1079条怎么规定离婚',
    '2024-01-15以后申请的怎么办',
    '2019 2020 2021 2022年的赤字率',
    '1954年到2025年一共有多少份报告',
    '拨打12345或12356热线',
    '110和120是什么电话',
    '圆周率3.14159265358979323846',
    '发展目标是2035年基本实现现代化，人均1万美元',
    '第一千零七十九条',
    '110101199913077775', // 18 digits without a valid birth date (month 13), not Luhn-valid
    '我叫李村的人来帮忙', // a name only when it ends at punctuation
    '6222021234567890127', // a card-looking number failing Luhn
    '京津冀协同发展',
    '粤港澳大湾区',
    '推出新APP下载',
    '比2012年增长12345678元', // 8 digits without area code is not a landline
    '电话号码是 0755-12345 吗', // too short for a landline
  ])('%s', (input) => {
    const r = redact(input);
    expect(r.text).toBe(input);
    expect(r.found).toEqual([]);
  });
});

describe('onlyPersonalLookup', () => {
  it.each([
    ['帮我查一下[身份证号]', true],
    ['查询我的[手机号]', true],
    ['[手机号]是谁的？', true],
    ['麻烦查查[车牌号]的违章记录', true],
    ['请帮我查一下[银行卡号]余额', true],
    ['[身份证号]丢了怎么补办', false], // answerable
    ['查一下[身份证号]的社保缴费比例', false], // 缴费比例 is in the documents
    ['我的身份证号是[身份证号]，能领养老金吗', false], // no lookup request
    ['帮我查一下低保的申请条件', false], // no personal data
    ['[手机号]', false], // data alone is not a lookup request
    ['帮我查查我这个月养老金到账没有，身份证号[身份证号]', true], // the status of one's own case
    ['帮我查一下[身份证号]的低保审批进度', true],
  ])('%s -> %s', (text, expected) => expect(onlyPersonalLookup(text)).toBe(expected));

  it('works on the output of redact', () => {
    expect(onlyPersonalLookup(redact('帮我查一下13812345678').text)).toBe(true);
    expect(onlyPersonalLookup(redact('13812345678办理的宽带怎么退').text)).toBe(false);
  });
});
