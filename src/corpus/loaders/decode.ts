// Bytes -> text for text-like formats: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset
// of GBK and GB2312, the encodings of many Chinese government downloads). Binary junk is refused.

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (looksBinary(bytes)) throw new DecodeError('binary content (not a text file)');
  try {
    // TextDecoder strips a UTF-8 BOM by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // not UTF-8: fall through to GB18030
  }
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new DecodeError('neither UTF-8 nor GB18030/GBK text', { cause });
  }
  return text;
}

/** NUL bytes or a high share of control characters mean this is not text in any encoding we read. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return n > 0 && control / n > 0.05;
}
