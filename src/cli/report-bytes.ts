/**
 * A report's text gathered as UTF-8 bytes until it is handed on: each piece encoded once into
 * a buffer, instead of joined into a string that is flattened and encoded again when written
 * (a finding on every case makes that a noticeable part of a file check).
 */

/** Where report writers put their text. */
export interface ReportOut {
  /** Appends text. */
  put(text: string): void;
  /**
   * Appends `{` + `head` + the members of `value`'s JSON (+ a line end with `newline`): `head`
   * (ASCII, ending in a comma) spliced in front of the object's own members, with no copy of it.
   */
  putJson(head: string, value: object, newline: boolean): void;
}

export class ReportBytes implements ReportOut {
  private buf: Buffer;
  /** Bytes gathered. */
  length = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  put(text: string): void {
    if (text.length === 0) return;
    this.room(text.length * 3);
    this.length += this.buf.write(text, this.length, 'utf8');
  }

  putJson(head: string, value: object, newline: boolean): void {
    const json = JSON.stringify(value);
    this.room(head.length + 1 + json.length * 3 + 1);
    const buf = this.buf;
    const comma = this.length + buf.write(`{${head}`, this.length, 'latin1') - 1;
    // The object's `{` is written over the head's last comma, which is then put back.
    const end = comma + buf.write(json, comma, 'utf8');
    buf[comma] = 0x2c;
    if (newline) buf[end] = 0x0a;
    this.length = newline ? end + 1 : end;
  }

  /** Drops what was gathered after the first `length` bytes. */
  truncate(length: number): void {
    if (length < this.length) this.length = length;
  }

  /** The bytes gathered, in a buffer of their own (the consumer may keep it); gathering starts over. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.length);
    this.buf = Buffer.allocUnsafe(this.buf.length);
    this.length = 0;
    return out;
  }

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + n));
    this.buf.copy(grown, 0, 0, this.length);
    this.buf = grown;
  }
}
