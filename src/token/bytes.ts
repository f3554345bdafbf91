import { TokenError } from './errors.ts';

/**
 * Little-endian reader/writer for the primitives both token generations share (reference 2.1):
 * u16, u32, i16, `bytes`/`string` = u16 length + raw bytes, `map32` = u16 count + (u16 key, u32 value).
 */

/** One `map32` entry in wire order. */
export interface MapEntry {
  key: number;
  value: number;
}

/** Sequential reader that throws TokenError('truncated') instead of RangeError when bytes run out. */
export class ByteReader {
  private offset = 0;

  constructor(
    private readonly buffer: Buffer,
    /** Names the structure being read, for error messages ("006 content", "007 service 1"). */
    private readonly what: string,
  ) {}

  get position(): number {
    return this.offset;
  }

  get length(): number {
    return this.buffer.length;
  }

  get remaining(): number {
    return this.buffer.length - this.offset;
  }

  private take(length: number, field: string): Buffer {
    if (length > this.remaining) {
      throw new TokenError(
        'truncated',
        `${this.what} is truncated: ${field} needs ${length} byte(s) at offset ${this.offset}, only ${this.remaining} left`,
      );
    }
    const slice = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  u16(field: string): number {
    return this.take(2, field).readUInt16LE(0);
  }

  i16(field: string): number {
    return this.take(2, field).readInt16LE(0);
  }

  u32(field: string): number {
    return this.take(4, field).readUInt32LE(0);
  }

  bytes(field: string): Buffer {
    const length = this.u16(`${field} length`);
    return Buffer.from(this.take(length, field));
  }

  string(field: string): string {
    return this.bytes(field).toString('utf8');
  }

  map32(field: string): MapEntry[] {
    const count = this.u16(`${field} count`);
    const entries: MapEntry[] = [];
    for (let i = 0; i < count; i++) {
      entries.push({ key: this.u16(`${field} key`), value: this.u32(`${field} value`) });
    }
    return entries;
  }

  /** Everything from the current position on, without consuming it. */
  rest(): Buffer {
    return Buffer.from(this.buffer.subarray(this.offset));
  }

  /** The bytes between two positions already read. */
  slice(start: number, end: number = this.offset): Buffer {
    return Buffer.from(this.buffer.subarray(start, end));
  }

  /** Throws TokenError('trailing') if anything is left. */
  end(): void {
    if (this.remaining > 0) {
      throw new TokenError('trailing', `${this.what} has ${this.remaining} unexpected trailing byte(s) at offset ${this.offset}`);
    }
  }
}

function checkInteger(value: number, max: number, min: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TokenError('value', `${field} must be an integer in [${min}, ${max}], got ${String(value)}`);
  }
  return value;
}

/** Append-only writer; rejects values the wire format cannot hold rather than wrapping them. */
export class ByteWriter {
  private readonly chunks: Buffer[] = [];

  u16(value: number, field = 'u16'): this {
    const chunk = Buffer.alloc(2);
    chunk.writeUInt16LE(checkInteger(value, 0xffff, 0, field));
    this.chunks.push(chunk);
    return this;
  }

  i16(value: number, field = 'i16'): this {
    const chunk = Buffer.alloc(2);
    chunk.writeInt16LE(checkInteger(value, 0x7fff, -0x8000, field));
    this.chunks.push(chunk);
    return this;
  }

  u32(value: number, field = 'u32'): this {
    const chunk = Buffer.alloc(4);
    chunk.writeUInt32LE(checkInteger(value, 0xffffffff, 0, field));
    this.chunks.push(chunk);
    return this;
  }

  bytes(value: Uint8Array, field = 'bytes'): this {
    this.u16(value.length, `${field} length`);
    this.chunks.push(Buffer.from(value));
    return this;
  }

  string(value: string, field = 'string'): this {
    return this.bytes(Buffer.from(value, 'utf8'), field);
  }

  map32(entries: readonly MapEntry[], field = 'map'): this {
    this.u16(entries.length, `${field} count`);
    for (const { key, value } of entries) this.u16(key, `${field} key`).u32(value, `${field} value`);
    return this;
  }

  raw(value: Uint8Array): this {
    this.chunks.push(Buffer.from(value));
    return this;
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
