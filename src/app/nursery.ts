// V8's young generation ("nursery") held at its current size while a build runs.
//
// V8 doubles the nursery (two semi-spaces, up to 16 MB each on 64-bit) once the bytes that survived its scavenges
// since the last growth exceed its capacity: a bet that a bigger nursery lets more objects die young. A build's
// survivors are the opposite case: the lexicon, the dictionary, the chunks, the postings live as long as the build
// or the index, and are promoted to the old generation whatever the nursery's size. Growing it then buys nothing,
// and its pages stay resident: at 1x it was 22 of the 47 MB a build added to the process (measured with
// --max-semi-space-size, which caps it for the whole life of the process and made search p95 several times worse;
// this holds it for the build only). Serving grows it again as V8 sees fit, so a bot that refreshes its corpus live
// answers at the same speed.
import { setFlagsFromString } from 'node:v8';

const FLAG = 'semi-space-growth-factor';
/** V8's default, used when neither NODE_OPTIONS nor the command line set the flag. */
const V8_DEFAULT_GROWTH = 2;

let holders = 0;

/** The growth factor this process was started with (`--semi-space-growth-factor=N`), else V8's default. */
export function startupGrowthFactor(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): number {
  const re = new RegExp(`--${FLAG}[= ](\\d+)`);
  const m = re.exec([...execArgv, nodeOptions].join(' '));
  return m ? Number(m[1]) : V8_DEFAULT_GROWTH;
}

/** Run `fn` with the nursery held at its size; nested and concurrent holders share one hold. */
export async function withNurseryHeld<T>(fn: () => Promise<T>): Promise<T> {
  if (holders++ === 0) setFlagsFromString(`--${FLAG}=1`);
  try {
    return await fn();
  } finally {
    if (--holders === 0) setFlagsFromString(`--${FLAG}=${startupGrowthFactor()}`);
  }
}

/** Whether a build holds the nursery now (for tests). */
export function nurseryHeld(): boolean {
  return holders > 0;
}
