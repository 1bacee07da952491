/** Bytes per slab; a text over a quarter of it gets a buffer of its own rather than wasting a slab's tail. */
export const SLAB_BYTES = 64 * 1024;

/**
 * UTF-8 bytes of stored texts, appended to shared 64 KiB slabs. The embedded store keeps where each
 * text is (the slab, a byte offset and a length) in fields of its own entry, so a stored value costs
 * no object of its own: a Buffer per value was a ~96-byte view object (and an 8 KiB pool buffer per
 * few values) that every garbage collection copied and marked for as long as the store kept it
 * (docs/platform.md §1.14). A slab lives while any entry points into it; nothing is ever written
 * over, so a replaced text leaves dead bytes until every text of its slab is gone.
 */
export class ByteSlabs {
  private slab: Buffer = Buffer.allocUnsafeSlow(SLAB_BYTES);
  private used = 0;
  /** where the last append put its bytes (read right after append: no object is made per value) */
  lastOffset = 0;
  lastLength = 0;

  /** Store `text`; returns the buffer holding it, at lastOffset for lastLength bytes. */
  append(text: string): Buffer {
    const length = Buffer.byteLength(text);
    this.lastLength = length;
    if (length > SLAB_BYTES / 4) {
      this.lastOffset = 0;
      return Buffer.from(text);
    }
    if (this.used + length > SLAB_BYTES) {
      // allocUnsafeSlow: only the spans written are ever read back, and the slab is not the shared pool
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.used = 0;
    }
    this.lastOffset = this.used;
    this.slab.write(text, this.used, length, 'utf8');
    this.used += length;
    return this.slab;
  }
}

/** The text stored at `offset` for `length` bytes. */
export function textAt(buffer: Buffer, offset: number, length: number): string {
  return buffer.toString('utf8', offset, offset + length);
}
