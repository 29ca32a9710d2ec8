// Integer dot products of a few int8 columns with int16 weights, in WebAssembly SIMD: the first pass of the flat
// index's exact search (flat.ts). V8 runs the plain JS loop over int8 columns at about one multiply-add per
// nanosecond (0.8 ms a question at 16k chunks, most of a search); `i32x4.dot_i16x8_s` does eight at once.
// The module is assembled here from its bytes (no toolchain, no file to ship); where WebAssembly SIMD is missing,
// `columnDots` returns undefined and the caller scans in JS as before.

/** The module's one function, in WebAssembly text:
 *  (func (export "pair") (param $a i32) (param $b i32) (param $q i32) (param $acc i32) (param $n i32)
 *    (local $Q v128) (local $lo v128) (local $hi v128)
 *    ;; $q packs two int16 weights (qa low, qb high): as i16x8, the lanes are qa, qb, qa, qb, ...
 *    (local.set $Q (i32x4.splat (local.get $q)))
 *    (loop $rows   ;; 16 rows of both columns a pass; $n passes (at least one)
 *      ;; interleaved bytes a0 b0 a1 b1 ...: widened to int16, dot with $Q gives a_r*qa + b_r*qb for 4 rows
 *      (local.set $lo (v128.load $a)) (local.set $hi (v128.load $b))   ;; then, from those two:
 *      $lo, $hi := (i8x16.shuffle 0 16 1 17 2 18 3 19 4 20 5 21 6 22 7 23 $lo $hi),
 *                  (i8x16.shuffle 8 24 9 25 10 26 11 27 12 28 13 29 14 30 15 31 $lo $hi)
 *      (v128.store offset=0  $acc (i32x4.add (v128.load offset=0  $acc) (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s $lo) $Q)))
 *      (v128.store offset=16 $acc (... offset=16 ... (i16x8.extend_high_i8x16_s $lo) ...))
 *      (v128.store offset=32 $acc (... offset=32 ... (i16x8.extend_low_i8x16_s $hi) ...))
 *      (v128.store offset=48 $acc (... offset=48 ... (i16x8.extend_high_i8x16_s $hi) ...))
 *      $a += 16, $b += 16, $acc += 64
 *      (br_if $rows (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
 */
function moduleBytes(): Uint8Array {
  const uleb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return out;
  };
  const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
  const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
  const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
  const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const load = (offset: number) => simd(0x00, 0, ...uleb(offset)); // v128.load align=1
  const store = (offset: number) => simd(0x0b, 0, ...uleb(offset)); // v128.store align=1
  const shuffle = (first: number) => simd(0x0d, ...Array.from({ length: 16 }, (_, i) => (i % 2 ? 16 : 0) + first + (i >> 1)));
  // A kernel over `m` columns (2 or 4), in pairs: params col_0 .. col_m-1, one packed weight per pair, acc, n;
  // locals: per pair its splatted weights, then per pair its two interleaved halves.
  const kernel = (m: number) => {
    const pairs = m / 2;
    const [W, ACC, N] = [m, m + pairs, m + pairs + 1];
    const VQ = N + 1;
    const LO = (p: number) => VQ + pairs + 2 * p;
    const HI = (p: number) => LO(p) + 1;
    const accumulate = (offset: number, half: (p: number) => number, widen: number) => [
      ...get(ACC),
      ...get(ACC),
      ...load(offset),
      ...Array.from({ length: pairs }, (_, p) => [
        ...get(half(p)),
        ...simd(widen), // i16x8.extend_{low,high}_i8x16_s
        ...get(VQ + p),
        ...simd(0xba), // i32x4.dot_i16x8_s
        ...simd(0xae), // i32x4.add
      ]).flat(),
      ...store(offset),
    ];
    const advance = (i: number, by: number) => [...get(i), 0x41, ...(by === 64 ? [0xc0, 0x00] : [by]), 0x6a, ...set(i)]; // i32.const (sleb), i32.add
    const code = [
      ...Array.from({ length: pairs }, (_, p) => [...get(W + p), ...simd(0x11), ...set(VQ + p)]).flat(), // i32x4.splat
      0x03,
      0x40, // loop (no result)
      ...Array.from({ length: pairs }, (_, p) => [
        ...[...get(2 * p), ...load(0), ...set(LO(p)), ...get(2 * p + 1), ...load(0), ...set(HI(p))], // each column's 16 bytes, read once
        ...[...get(LO(p)), ...get(HI(p)), ...shuffle(0), ...get(LO(p)), ...get(HI(p)), ...shuffle(8), ...set(HI(p)), ...set(LO(p))],
      ]).flat(),
      ...accumulate(0, LO, 0x87),
      ...accumulate(16, LO, 0x88),
      ...accumulate(32, HI, 0x87),
      ...accumulate(48, HI, 0x88),
      ...Array.from({ length: m }, (_, c) => advance(c, 16)).flat(),
      ...advance(ACC, 64),
      ...[...get(N), 0x41, 1, 0x6b, 0x22, N, 0x0d, 0], // n - 1, local.tee n, br_if 0
      0x0b, // end loop
      0x0b, // end function
    ];
    const body = [...vec([[3 * pairs, 0x7b]]), ...code]; // v128 locals
    return { params: m + pairs + 2, body };
  };
  // (func (export "blockmax") (param $acc i32) (param $out i32) (param $n i32) (local $v v128)
  //   per 16 rows: the largest of their 16 sums (i32x4.max_s of the four vectors, then across lanes) to $out.
  const blockMax = () => {
    const [ACC, OUT, N, V] = [0, 1, 2, 3];
    const max = simd(0xb8); // i32x4.max_s
    const swap = (bytes: number[]) => [...get(V), ...get(V), ...get(V), ...simd(0x0d, ...bytes), ...max, ...set(V)];
    const code = [
      0x03,
      0x40,
      ...[...get(ACC), ...load(0), ...get(ACC), ...load(16), ...max, ...get(ACC), ...load(32), ...get(ACC), ...load(48), ...max, ...max, ...set(V)],
      ...swap([8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7]),
      ...swap([4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11]),
      ...[...get(OUT), ...get(V), ...simd(0x1b, 0), 0x36, 2, 0], // i32x4.extract_lane 0, i32.store
      ...[...get(ACC), 0x41, 0xc0, 0x00, 0x6a, ...set(ACC)],
      ...[...get(OUT), 0x41, 4, 0x6a, ...set(OUT)],
      ...[...get(N), 0x41, 1, 0x6b, 0x22, N, 0x0d, 0],
      0x0b,
      0x0b,
    ];
    return { params: 3, body: [...vec([[1, 0x7b]]), ...code] };
  };
  const kernels = [kernel(2), kernel(4), blockMax()];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(kernels.map((k) => [0x60, ...vec(Array.from({ length: k.params }, () => [0x7f])), 0x00]))),
    ...section(2, vec([[...name('m'), ...name('mem'), 0x02, 0x00, 0x00]])), // memory import, min 0 pages
    ...section(3, vec([[0x00], [0x01], [0x02]])),
    ...section(
      7,
      vec([
        [...name('pair'), 0x00, 0x00],
        [...name('quad'), 0x00, 0x01],
        [...name('blockmax'), 0x00, 0x02],
      ]),
    ),
    ...section(10, vec(kernels.map((k) => [...uleb(k.body.length), ...k.body]))),
  ]);
}

// The WebAssembly API as far as used here: the project's TypeScript libraries (no DOM) declare no values for it.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (d: { initial: number }) => { buffer: ArrayBuffer };
  Instance: new (m: object, imports: object) => { exports: Record<string, unknown> };
}
const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: object | null | undefined;

function dotsModule(): object | undefined {
  if (compiled === undefined) {
    try {
      if (!wasm) throw new Error('no WebAssembly');
      compiled = new wasm.Module(moduleBytes());
    } catch {
      compiled = null; // no WebAssembly SIMD here: the caller's JS scan serves
    }
  }
  return compiled ?? undefined;
}

/** The largest weight magnitude: dot_i16x8_s multiplies int16 lanes. */
export const MAX_WEIGHT = 32767;

export interface ColumnDots {
  /** The columns, copied into the module's memory (column c, row r at c * count + r). */
  readonly codes: Int8Array;
  /**
   * acc[r] = Σ weights[i] * codes[cols[i] * count + r] for r < count, in int32 (entries past count are garbage).
   * Weights are integers of at most MAX_WEIGHT in magnitude, and Σ|weights| * 128 must stay below 2^31. The result
   * is a view of the module's memory, valid until the next call.
   */
  dots(cols: readonly number[], weights: readonly number[]): Int32Array;
  /** Per block of 16 rows, the largest of the last `dots` sums (the last block's includes garbage past count). */
  blockMax(): Int32Array;
}

/** The column-major int8 matrix `codes` (`count` rows) in a module's memory; undefined without WebAssembly SIMD. */
export function columnDots(codes: Int8Array, count: number): ColumnDots | undefined {
  const mod = dotsModule();
  if (!mod || !wasm || count === 0) return undefined;
  const blocks = Math.ceil(count / 16);
  // A pass reads 16 rows: up to 15 bytes past the last column, hence the padding.
  const accAt = Math.ceil((codes.length + 16) / 16) * 16;
  const maxAt = accAt + blocks * 64;
  const bytes = maxAt + blocks * 4;
  const mem = new wasm.Memory({ initial: Math.ceil(bytes / 65536) });
  const { exports } = new wasm.Instance(mod, { m: { mem } });
  const pair = exports.pair as (a: number, b: number, q: number, acc: number, n: number) => void;
  const quad = exports.quad as (a: number, b: number, c: number, d: number, q1: number, q2: number, acc: number, n: number) => void;
  const blockmax = exports.blockmax as (acc: number, out: number, n: number) => void;
  const maxima = new Int32Array(mem.buffer, maxAt, blocks);
  const inner = new Int8Array(mem.buffer, 0, codes.length);
  inner.set(codes);
  const acc = new Int32Array(mem.buffer, accAt, blocks * 16);
  return {
    codes: inner,
    dots(cols, weights) {
      acc.fill(0);
      const packed = (i: number) => (weights[i] & 0xffff) | (weights[i + 1] << 16);
      // Four columns a pass where there are four (the accumulators are read and written half as often), then pairs.
      let i = 0;
      for (; i + 4 <= cols.length; i += 4) {
        quad(cols[i] * count, cols[i + 1] * count, cols[i + 2] * count, cols[i + 3] * count, packed(i), packed(i + 2), accAt, blocks);
      }
      for (; i < cols.length; i += 2) {
        const b = i + 1 < cols.length ? i + 1 : i;
        const qb = i + 1 < cols.length ? weights[i + 1] : 0;
        pair(cols[i] * count, cols[b] * count, (weights[i] & 0xffff) | (qb << 16), accAt, blocks);
      }
      return acc;
    },
    blockMax() {
      blockmax(accAt, maxAt, blocks);
      return maxima;
    },
  };
}
