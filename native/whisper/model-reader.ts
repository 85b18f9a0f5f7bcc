/** Sequential little-endian reads over a file handle, in chunks; a read past the end is reported as truncation. */
import type fs from 'node:fs/promises';
import { ModelFileError } from './model-file-error';

export class ModelReader {
  private buf = Buffer.alloc(0);
  private bufStart = 0; // file offset of buf[0]
  pos = 0;

  constructor(
    private readonly fh: fs.FileHandle,
    readonly size: number,
    private readonly path: string,
  ) {}

  private need(n: number, what: string): void {
    if (this.pos + n > this.size) {
      throw new ModelFileError('truncated', `${this.path} ends at byte ${this.size} inside ${what} (needs ${this.pos + n}): the file is incomplete — download or copy it again`);
    }
  }

  private async fill(n: number, what: string): Promise<void> {
    this.need(n, what);
    if (this.pos >= this.bufStart && this.pos + n <= this.bufStart + this.buf.length) return;
    const b = Buffer.alloc(Math.min(Math.max(n, 1 << 16), this.size - this.pos));
    await this.fh.read(b, 0, b.length, this.pos);
    this.buf = b;
    this.bufStart = this.pos;
  }

  async i32(what: string): Promise<number> {
    await this.fill(4, what);
    const v = this.buf.readInt32LE(this.pos - this.bufStart);
    this.pos += 4;
    return v;
  }

  async u32(what: string): Promise<number> {
    await this.fill(4, what);
    const v = this.buf.readUInt32LE(this.pos - this.bufStart);
    this.pos += 4;
    return v;
  }

  async bytes(n: number, what: string): Promise<Buffer> {
    await this.fill(n, what);
    const off = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(off, off + n);
  }

  skip(n: number, what: string): void {
    this.need(n, what);
    this.pos += n;
  }
}
