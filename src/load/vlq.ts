/**
 * Source-map `mappings` as absolute numbers per generated line, and back (base64 VLQ, deltas).
 * A segment is [generatedColumn] or [generatedColumn, source, originalLine, originalColumn, name?].
 */
export type Segment = number[];

const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Map([...CHARS].map((c, i) => [c, i]));

export function decodeMappings(mappings: string): Segment[][] {
  const state = [0, 0, 0, 0, 0]; // column resets per line; the others carry across lines
  return mappings.split(';').map((line) => {
    state[0] = 0;
    if (line === '') return [];
    return line.split(',').map((text) => {
      const fields = decodeFields(text);
      return fields.map((delta, i) => (state[i] = (state[i] ?? 0) + delta));
    });
  });
}

export function encodeMappings(lines: Segment[][]): string {
  const state = [0, 0, 0, 0, 0];
  return lines
    .map((segments) => {
      state[0] = 0;
      return segments
        .map((segment) =>
          segment
            .map((value, i) => {
              const delta = value - (state[i] ?? 0);
              state[i] = value;
              return encodeNumber(delta);
            })
            .join(''),
        )
        .join(',');
    })
    .join(';');
}

function decodeFields(text: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = VALUE.get(char) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

function encodeNumber(n: number): string {
  let value = n < 0 ? (-n << 1) | 1 : n << 1;
  let out = '';
  do {
    let digit = value & 31;
    value >>>= 5;
    if (value > 0) digit |= 32;
    out += CHARS[digit];
  } while (value > 0);
  return out;
}
