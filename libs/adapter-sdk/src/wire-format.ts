// A structural check of protobuf wire format, run before a request is decoded: the generated
// decoders stop silently at a zero tag or an end-group and skip groups, so without it some
// malformed payloads would decode as an empty request instead of being refused.

/**
 * Returns why `bytes` is not a well-formed proto3 message at the top level, or undefined when it
 * is: every tag has a field number >= 1 and a wire type of 0 (varint), 1 (64-bit), 2 (length-
 * delimited) or 5 (32-bit), and every value lies inside the buffer. Groups (3, 4) are proto2 only.
 * Nested messages are left to the decoder, which throws on their truncation.
 */
export function wireFormatProblem(bytes: Uint8Array): string | undefined {
  const end = bytes.length;
  let pos = 0;
  while (pos < end) {
    const tagStart = pos;
    const tag = readVarint(bytes, pos);
    if (tag === undefined) return `truncated tag at byte ${tagStart}`;
    pos = tag.next;
    const fieldNumber = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (fieldNumber < 1 || fieldNumber > 536_870_911) return `field number ${fieldNumber} at byte ${tagStart}`;
    switch (wireType) {
      case 0: {
        const v = readVarint(bytes, pos);
        if (v === undefined) return `truncated varint of field ${fieldNumber}`;
        pos = v.next;
        break;
      }
      case 1:
        pos += 8;
        break;
      case 2: {
        const len = readVarint(bytes, pos);
        if (len === undefined) return `truncated length of field ${fieldNumber}`;
        pos = len.next + len.value;
        break;
      }
      case 5:
        pos += 4;
        break;
      default:
        return `wire type ${wireType} of field ${fieldNumber}`;
    }
    if (pos > end) return `field ${fieldNumber} runs past the end of the message`;
  }
  return undefined;
}

/** Reads a varint of at most 10 bytes; its value as a float (exact up to 2^53, enough for lengths and tags). */
function readVarint(bytes: Uint8Array, start: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let i = start; i < bytes.length && i < start + 10; i++) {
    const b = bytes[i]!;
    value += (b & 0x7f) * scale;
    if (b < 0x80) return { value, next: i + 1 };
    scale *= 128;
  }
  return undefined;
}
