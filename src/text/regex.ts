// Regular-expression helpers shared by the text-reading stages (definition detection, sentence scoring).

/** `text` as a literal inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
