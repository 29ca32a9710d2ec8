import { expect, it } from 'vitest';
import { answerTexts, uiTexts } from '../../src/telegram/texts.ts';

it.each([
  [undefined, 'zh', '谢谢您的反馈！'],
  ['zh-hans', 'zh', '谢谢您的反馈！'],
  ['ru', 'zh', '谢谢您的反馈！'],
  ['zh-hant', 'zh', '謝謝您的反饋！'],
  ['zh-TW', 'zh', '謝謝您的反饋！'],
  ['en', 'en', 'Thank you for the feedback!'],
  ['en-GB', 'en', 'Thank you for the feedback!'],
])('Telegram language %s -> %s UI', (code, lang, thanks) => {
  const t = uiTexts(code);
  expect(t.lang).toBe(lang);
  expect(t.thanks).toBe(thanks);
});

it('writes the Traditional texts with their arguments too, and follows an answer’s own register', () => {
  expect(uiTexts('zh-hk').tooLong(600, 500)).toBe('您的問題有 600 個字，超過了 500 字的上限。請精簡成一個具體的問題再發給我。');
  expect(answerTexts({ lang: 'zh', script: 'traditional' }).answerSources).toBe('來源');
  expect(answerTexts({ lang: 'en', script: 'simplified' }).answerSources).toBe('Sources');
});
