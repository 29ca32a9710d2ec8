// Reading a model's reply, for every use of the LLM: labelled lines ("SOURCES: 1, 2") and reasoning blocks.

/**
 * A labelled reply line ("SOURCES: 1, 2"), tolerating markdown decoration (**SOURCES**:), full-width colons and
 * any case. `labels` is a regex alternation; group 1 is the label, group 2 the value.
 */
export function labelledLine(labels: string, flags = 'i'): RegExp {
  return new RegExp(`^[\\s>*_#-]*(${labels})[\\s*_]*[:：]\\s*(.*?)[\\s*_]*$`, flags);
}

/** Reasoning models (DeepSeek-R1, Qwen3) may think aloud in <think> blocks; an unclosed one hides the rest. */
export function stripThinking(raw: string): string {
  return raw
    .replace(/<think>[\s\S]*?<\/think>/g, '')
    .replace(/<think>[\s\S]*$/, '')
    .replace(/\r\n?/g, '\n');
}
