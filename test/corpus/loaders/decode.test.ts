import { describe, expect, it } from 'vitest';
import { DecodeError, decodeText } from '../../../src/corpus/loaders/decode.ts';
import { gbk, latin1 } from './fixtures.ts';

const ZH = '关于进一步做好乡村振兴工作的通知：各乡镇人民政府，县直各部门。';

describe('decodeText', () => {
  it('reads UTF-8, with and without a byte order mark', () => {
    expect(decodeText(Buffer.from(ZH, 'utf8'))).toBe(ZH);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ZH, 'utf8')]))).toBe(ZH);
  });

  it('reads GBK and GB18030 files (Chinese government downloads)', () => {
    expect(decodeText(gbk(ZH))).toBe(ZH);
    expect([...gbk('中文')]).toEqual([0xd6, 0xd0, 0xce, 0xc4]); // the fixture really is GBK
  });

  it('keeps a UTF-8 file with one damaged byte as UTF-8 instead of reading it as GBK noise', () => {
    const bytes = Buffer.from(ZH.repeat(5), 'utf8');
    bytes[10] = 0xff;
    const text = decodeText(bytes);
    expect(text).toContain('各乡镇人民政府');
    expect(text).toContain('\ufffd');
  });

  it('uses a charset the file declares when it is not UTF-8', () => {
    const big5 = Buffer.from([0xa4, 0xa4, 0xa4, 0xe5]); // 中文 in Big5
    expect(decodeText(big5, { declared: 'big5' })).toBe('中文');
    expect(decodeText(gbk(ZH), { declared: 'gb2312' })).toBe(ZH);
    expect(decodeText(gbk(ZH), { declared: 'no-such-charset' })).toBe(ZH);
  });

  it('refuses binary junk', () => {
    const junk = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256));
    expect(() => decodeText(junk)).toThrow(DecodeError);
    expect(() => decodeText(junk)).toThrow(/binary/);
  });

  it('refuses text in an encoding it cannot tell from noise (Latin-1 read as GBK)', () => {
    const text = 'Résumé des mesures: café, élève, théâtre, coopération régionale et sécurité.';
    expect(() => decodeText(latin1(text))).toThrow(/encoding/);
  });
});

describe('decodeText on Latin text that happens to be valid GBK', () => {
  it('still refuses it: Han characters glued between Latin letters are mojibake', () => {
    // Every accented letter here is followed by a letter, so each pair is a valid GBK code: only the plausibility
    // check can tell.
    const text = 'Les élèves sénégalais étudient la sécurisation régionale';
    expect(() => decodeText(latin1(text))).toThrow(/unknown encoding.*noise/);
  });
});
