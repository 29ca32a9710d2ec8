// Prompt templates from prompts/: loading, checks on edited files, filling placeholders.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { fill, loadPrompts, PROMPTS_DIR } from '../../src/llm/prompt.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wenzheng-prompts-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of prompts/ with one file replaced. */
function editedPrompts(file: string, content: string): string {
  const dir = mkdtempSync(join(tmp, 'p-'));
  cpSync(PROMPTS_DIR, dir, { recursive: true });
  writeFileSync(join(dir, file), content);
  return dir;
}

describe('prompt files', () => {
  it("load from prompts/ without the editors' HTML comments", () => {
    const p = loadPrompts();
    expect(p.answerSystem).toMatch(/SOURCES:/);
    expect(p.answerSystem).not.toContain('<!--');
    expect(p.answerUser).toContain('{{passages}}');
  });

  it('refuse an edited template that lost a placeholder, naming the file', () => {
    const dir = editedPrompts('answer-user.md', 'Passages: {{passages}}\nAnswer in {{language}}.');
    expect(() => loadPrompts(dir)).toThrow(ConfigError);
    expect(() => loadPrompts(dir)).toThrow(/answer-user\.md must contain \{\{question\}\}/);
  });

  it('refuse a languages.json without the three registers', () => {
    expect(() => loadPrompts(editedPrompts('languages.json', '{"en": "English"}'))).toThrow(/languages\.json/);
  });

  it('fill placeholders in one pass, so data that looks like a placeholder stays data', () => {
    expect(fill('Q: {{question}} L: {{language}}', { question: '{{language}}', language: 'English' })).toBe('Q: {{language}} L: English');
    expect(() => fill('{{unknown}}', {})).toThrow(ConfigError);
  });
});
