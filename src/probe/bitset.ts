/** A fixed-size set of small integers (identity indexes), for the reachability matrix and flow tables. */
export class Bitset {
  /**
   * A set of `size` bits, all clear or all set.
   *
   * @param size how many members the universe has
   * @param full whether every bit starts set
   */
  static of(size: number, full = false): Bitset {
    const words = new Uint32Array(Math.ceil(size / 32));
    if (full) {
      words.fill(0xffffffff);
      const tail = size % 32;
      if (tail !== 0) words[words.length - 1] = (2 ** tail) - 1;
    }
    return new Bitset(words);
  }

  private constructor(private readonly words: Uint32Array) {}

  /** Adds a member. */
  add(index: number): void {
    this.words[index >>> 5] |= 1 << (index & 31);
  }

  /** Whether a member is in the set. */
  has(index: number): boolean {
    return (this.words[index >>> 5] & (1 << (index & 31))) !== 0;
  }

  /** Adds every member of another set. */
  or(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i] |= other.words[i];
  }

  /** Keeps only members also in another set. */
  and(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i] &= other.words[i];
  }

  /** Removes every member of another set. */
  andNot(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i] &= ~other.words[i];
  }

  /** Keeps only members in exactly one of the two sets. */
  xor(other: Bitset): void {
    for (let i = 0; i < this.words.length; i++) this.words[i] ^= other.words[i];
  }

  /** Whether the set has no member. */
  isEmpty(): boolean {
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== 0) return false;
    return true;
  }

  /** Whether another set (of the same size) has exactly the same members. */
  equals(other: Bitset): boolean {
    if (other.words.length !== this.words.length) return false;
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== other.words[i]) return false;
    return true;
  }

  /** The members, ascending. Costs one step per 32 possible members plus one per member. */
  members(): number[] {
    const result: number[] = [];
    for (let i = 0; i < this.words.length; i++) {
      let word = this.words[i];
      while (word !== 0) {
        const low = word & -word;
        result.push((i << 5) + 31 - Math.clz32(low));
        word ^= low;
      }
    }
    return result;
  }

  /** A copy. */
  clone(): Bitset {
    return new Bitset(this.words.slice());
  }
}
