// The protobuf writer against the wire-format examples of the protobuf encoding guide.
import { describe, expect, it } from 'vitest';
import { bytesField, message, packedVarintsField, varintField } from '../src/systems/protobuf-writer.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('protobuf writer', () => {
  it('writes varint fields (field 1 = 150 is 08 96 01)', () => {
    expect(hex(varintField(1, 150))).toBe('089601');
    expect(hex(varintField(1, 0))).toBe('0800');
    expect(hex(varintField(20, 2))).toBe('a00102'); // tag 20<<3 needs two bytes
    expect(hex(varintField(1, 2 ** 40))).toBe('08808080808020'); // five zero groups, then 2^5
  });

  it('writes strings, nested messages and packed varints (length-delimited)', () => {
    expect(hex(bytesField(2, 'testing'))).toBe('120774657374696e67');
    expect(hex(bytesField(3, message(varintField(1, 150))))).toBe('1a03089601');
    expect(hex(packedVarintsField(4, [3, 270, 86942]))).toBe('2206038e029ea705');
  });

  it('rejects what a varint cannot hold', () => {
    expect(() => varintField(1, -1)).toThrow(RangeError);
    expect(() => varintField(1, 1.5)).toThrow(/non-negative safe integer, got 1.5/);
  });
});
