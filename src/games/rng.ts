// A seeded, cryptographically strong random number generator whose whole state is two JSON fields.
//
// The keystream is ChaCha20 (RFC 8439, from @noble/ciphers) under a 256-bit key with a zero nonce:
// word i of the stream is the RNG's i-th output. The state is the key and how many 32-bit words have
// been consumed, so it can live inside a game's hidden state, be snapshotted, and replay exactly.
// The key is the table's seed: it is hidden information and never leaves the server.

import { chacha20 } from '@noble/ciphers/chacha.js';
import { hexToBytes } from '@noble/ciphers/utils.js';

export interface RngState {
  /** 256-bit key, 64 lowercase hex characters. Secret. */
  readonly key: string;
  /** Number of 32-bit words consumed so far. */
  readonly word: number;
}

const WORDS_PER_BLOCK = 16;
const NONCE = new Uint8Array(12);
const ZERO_BLOCK = new Uint8Array(WORDS_PER_BLOCK * 4);
const TWO_POW_32 = 0x1_0000_0000;

export function isSeed(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

export class Rng {
  readonly #keyHex: string;
  readonly #key: Uint8Array;
  #word: number;
  #blockIndex = -1;
  #block = new Uint32Array(WORDS_PER_BLOCK);

  private constructor(keyHex: string, word: number) {
    this.#keyHex = keyHex;
    this.#key = hexToBytes(keyHex);
    this.#word = word;
  }

  /** `seed`: 64 lowercase hex characters (32 bytes from a CSPRNG). */
  static fromSeed(seed: string): Rng {
    if (!isSeed(seed)) throw new TypeError('Rng seed must be 64 lowercase hex characters');
    return new Rng(seed, 0);
  }

  static fromState(state: RngState): Rng {
    if (!isSeed(state.key) || !Number.isSafeInteger(state.word) || state.word < 0) {
      throw new TypeError('invalid RngState');
    }
    return new Rng(state.key, state.word);
  }

  state(): RngState {
    return { key: this.#keyHex, word: this.#word };
  }

  /** The next 32-bit unsigned word of the keystream. */
  uint32(): number {
    const blockIndex = Math.floor(this.#word / WORDS_PER_BLOCK);
    if (blockIndex !== this.#blockIndex) {
      const bytes = chacha20(this.#key, NONCE, ZERO_BLOCK, undefined, blockIndex);
      this.#block = new Uint32Array(bytes.buffer, bytes.byteOffset, WORDS_PER_BLOCK);
      this.#blockIndex = blockIndex;
    }
    const value = this.#block[this.#word % WORDS_PER_BLOCK];
    this.#word += 1;
    // The block always has 16 words; the index is in range by construction.
    return value ?? 0;
  }

  /**
   * A uniform integer in [0, n), 1 ≤ n ≤ 2^32, without modulo bias: words at or above the largest
   * multiple of n are rejected and drawn again.
   */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) throw new RangeError(`below(${n})`);
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % n;
    }
  }

  /** A new array with `items` in uniformly random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      const a = out[i] as T;
      out[i] = out[j] as T;
      out[j] = a;
    }
    return out;
  }
}
