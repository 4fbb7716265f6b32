// What a parsed JSON value takes on V8's heap, estimated: the snapshot store's budget counts this, not the
// length of the JSON it came from. Parsed, a shop's snapshot takes about 1.3 times its JSON's length (the
// objects' headers and pointers, the arrays' backing stores, the numbers that are not small integers), and
// held with what pages build from it, about 3.4 times on the memory bench's shops: counting the JSON let a
// 16 MB budget hold 55 MB of heap (decision 049).
//
// The sizes are V8's on 64-bit Linux without pointer compression (Node's build): a JSObject is a map, a
// properties and an elements pointer, then 8 bytes a property; an array is a JSArray (32 bytes) and a
// FixedArray of 8 bytes an element; a string is a 16-byte header then one byte a character, or two when
// any character is outside Latin-1; a number that is not a small integer is a 16-byte HeapNumber. Keys
// and short strings are not counted: JSON.parse shares one internalized string per distinct key and per
// distinct value of up to ten characters ("in_stock", "USD"), and an empty array shares one empty store.

const OBJECT_HEADER = 24;
const ARRAY_HEADER = 32 + 16;
const STRING_HEADER = 16;
const POINTER = 8;
const HEAP_NUMBER = 16;
const NOT_LATIN1 = /[\u0100-\uffff]/;
/** JSON.parse internalizes string values up to this length: one copy for all of them. */
const SHARED_STRING_LENGTH = 10;

/** Bytes a string takes on the heap (rounded up to V8's 8-byte alignment). */
function stringSize(value: string): number {
  if (value.length <= SHARED_STRING_LENGTH) return 0;
  const bytes = STRING_HEADER + (NOT_LATIN1.test(value) ? 2 : 1) * value.length;
  return (bytes + 7) & ~7;
}

/** The estimated heap bytes of `value`, a tree of plain objects, arrays, strings, numbers, booleans, null. */
export function heapSizeOf(value: unknown): number {
  switch (typeof value) {
    case "string":
      return stringSize(value);
    case "number":
      return Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 0 : HEAP_NUMBER;
    case "object": {
      if (value === null) return 0;
      if (Array.isArray(value)) {
        let bytes = value.length === 0 ? ARRAY_HEADER - 16 : ARRAY_HEADER + POINTER * value.length;
        for (const item of value) bytes += heapSizeOf(item);
        return bytes;
      }
      let bytes = OBJECT_HEADER;
      for (const key in value) {
        bytes += POINTER + heapSizeOf((value as Record<string, unknown>)[key]);
      }
      return bytes;
    }
    default:
      // true, false, undefined: shared oddballs.
      return 0;
  }
}
