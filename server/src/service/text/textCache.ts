/**
 * Caches keyed by text cut out of documents (unit names, headings, measure texts).
 *
 * V8 keeps a substring of 13 characters or more as a pointer into the string it was cut from, so a
 * cache keyed by a unit name cut from a plan keeps that whole plan alive after it is closed: 200
 * checked and closed plans of 320 000 characters held 150 MB that way. Keys (and string values)
 * are therefore stored as copies that own their characters, and each cache is bounded by the
 * characters it holds, not by its number of entries.
 */

/** Below this length V8 copies a substring anyway. */
const SLICE_MIN_LENGTH = 13;

/** The same text in a string of its own (not a view into a larger one). */
export function ownedCopy(text: string): string {
  if (text.length < SLICE_MIN_LENGTH) return text;
  // JSON round trip: the one portable way to make the engine allocate fresh characters
  return JSON.parse(JSON.stringify(text)) as string;
}

/** Map and per-entry bookkeeping, in characters (about the size of a short key). */
const ENTRY_OVERHEAD_CHARS = 16;

export class TextCache<V> {
  private readonly entries = new Map<string, V>();
  private chars = 0;

  /**
   * @param maxChars what the cache may hold (keys, values as weighed); past it, it starts over
   * @param weigh the characters a value holds besides its key (a string value: its length)
   */
  constructor(
    private readonly maxChars: number,
    private readonly weigh: (value: V) => number = (value) => (typeof value === 'string' ? value.length : 0),
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Stores a value and returns what is stored (a string value: its own copy). */
  set(key: string, value: V): V {
    const stored = (typeof value === 'string' ? ownedCopy(value) : value) as V;
    const weight = key.length + this.weigh(value) + ENTRY_OVERHEAD_CHARS;
    if (this.chars + weight > this.maxChars) this.clear();
    const before = this.entries.size;
    // (a key already there keeps its stored copy; only its value changes)
    this.entries.set(ownedCopy(key), stored);
    if (this.entries.size > before) this.chars += weight;
    return stored;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters held, as weighed. */
  get weight(): number {
    return this.chars;
  }
}
