import { bigramKeys } from './normalize';

/**
 * The candidate index: character bigrams of the matching form → the clauses that contain them.
 * One segment per corpus file, so a changed file rebuilds only its own segment. Postings are kept
 * in typed arrays (sorted gram keys, offsets, clause numbers): a 100k-clause corpus costs a few
 * tens of megabytes, not hundreds of thousands of small arrays.
 */
export class NgramSegment {
  private constructor(
    /** Distinct gram keys, ascending. */
    private readonly keys: Uint32Array,
    /** Postings of keys[i] are postings[offsets[i] .. offsets[i + 1]). */
    readonly offsets: Uint32Array,
    /** Clause numbers (local to the segment), ascending within one key. */
    readonly postings: Uint32Array | Uint16Array,
    /** Number of distinct grams of each clause (for length normalisation). */
    readonly gramCounts: Uint16Array,
  ) {}

  get size(): number {
    return this.gramCounts.length;
  }

  static build(norms: readonly string[]): NgramSegment {
    const counts = new Map<number, number>();
    const gramCounts = new Uint16Array(norms.length);
    let flat = new Uint32Array(Math.max(16, norms.length * 32));
    let used = 0;
    const docStarts = new Uint32Array(norms.length + 1);
    for (let d = 0; d < norms.length; d++) {
      docStarts[d] = used;
      const keys = bigramKeys(norms[d]);
      gramCounts[d] = Math.min(keys.length, 0xffff);
      if (used + keys.length > flat.length) {
        const grown = new Uint32Array(Math.max(flat.length * 2, used + keys.length));
        grown.set(flat.subarray(0, used));
        flat = grown;
      }
      for (const key of keys) {
        flat[used++] = key;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    docStarts[norms.length] = used;
    const keys = Uint32Array.from(counts.keys()).sort();
    const offsets = new Uint32Array(keys.length + 1);
    const slot = new Map<number, number>();
    for (let i = 0; i < keys.length; i++) {
      offsets[i + 1] = offsets[i] + counts.get(keys[i])!;
      slot.set(keys[i], i);
    }
    const postings = norms.length <= 0xffff ? new Uint16Array(used) : new Uint32Array(used);
    const cursor = offsets.slice(0, keys.length);
    for (let d = 0; d < norms.length; d++) {
      for (let p = docStarts[d]; p < docStarts[d + 1]; p++) postings[cursor[slot.get(flat[p])!]++] = d;
    }
    return new NgramSegment(keys, offsets, postings, gramCounts);
  }

  /** The slot of a gram (its postings are `postings[offsets[slot] .. offsets[slot + 1])`), or -1. */
  find(key: number): number {
    const keys = this.keys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid];
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Bytes held by the typed arrays (for the memory figures of the bench). */
  get byteLength(): number {
    return this.keys.byteLength + this.offsets.byteLength + this.postings.byteLength + this.gramCounts.byteLength;
  }
}
