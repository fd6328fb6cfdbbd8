/** A fixed-size set of small integers (identity indexes), for the reachability matrix. */
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

  /** A copy. */
  clone(): Bitset {
    return new Bitset(this.words.slice());
  }
}
