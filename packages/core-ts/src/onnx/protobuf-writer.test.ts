// The protobuf writer against the wire-format examples of the protobuf encoding guide.
import { describe, expect, it } from 'vitest';
import { bytesField, floatField, message, packedFloatsField, packedVarintsField, varintField } from './protobuf-writer.ts';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

describe('protobuf writer', () => {
  it('writes varint fields (field 1 = 150 is 08 96 01)', () => {
    expect(hex(varintField(1, 150))).toBe('089601');
    expect(hex(varintField(1, 0))).toBe('0800');
    expect(hex(varintField(20, 2))).toBe('a00102'); // tag 20<<3 needs two bytes
    expect(hex(varintField(1, 2 ** 40))).toBe('08808080808020'); // five zero groups, then 2^5
  });

  it('writes negative int64 as ten-byte two\'s complement (-1 is ff ff ff ff ff ff ff ff ff 01)', () => {
    expect(hex(varintField(1, -1))).toBe('08ffffffffffffffffff01');
    expect(hex(varintField(1, -2))).toBe('08feffffffffffffffff01');
  });

  it('writes strings, nested messages and packed varints (length-delimited)', () => {
    expect(hex(bytesField(2, 'testing'))).toBe('120774657374696e67');
    expect(hex(bytesField(3, message(varintField(1, 150))))).toBe('1a03089601');
    expect(hex(packedVarintsField(4, [3, 270, 86942]))).toBe('2206038e029ea705');
  });

  it('writes floats little-endian (1.0f is 00 00 80 3f)', () => {
    expect(hex(floatField(2, 1))).toBe('150000803f');
    expect(hex(packedFloatsField(7, [1, -2]))).toBe('3a080000803f000000c0');
  });

  it('rejects what a varint cannot hold', () => {
    expect(() => varintField(1, 1.5)).toThrow(/safe integer, got 1.5/);
    expect(() => varintField(1, 2 ** 60)).toThrow(RangeError);
  });
});
