/**
 * A revision's message (or other text a user wrote) as one terminal line: a carriage return in
 * `-m` would otherwise move the cursor back and print over the line's start, a newline split it,
 * and an escape sequence drive the terminal. Each control or line-terminator character shows as
 * a space.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}
