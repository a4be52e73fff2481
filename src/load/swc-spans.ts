/**
 * swc's `parseSync` gives spans as byte offsets from a base that grows with every file the process
 * has compiled; these turn them into offsets into the text and into lines and columns.
 */
import type { Module } from '@swc/core';

export class SpanText {
  readonly bytes: Buffer;
  private readonly base: number;
  private lineStarts?: number[];

  constructor(text: string, ast: Module) {
    this.bytes = Buffer.from(text, 'utf8');
    // The module's span starts at its first token, after any BOM, hashbang, whitespace or comment.
    const latin1 = this.bytes.toString('latin1'); // one char per byte; trivia is ASCII
    const trivia = /^(?:\xEF\xBB\xBF)?(?:#![^\n]*)?(?:[ \t\r\n]+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/.exec(latin1);
    this.base = ast.span.start - (trivia ? trivia[0].length : 0);
  }

  /** Byte offset into the text of a span position. */
  offset(position: number): number {
    return position - this.base;
  }

  lineCount(): number {
    return (this.lineStarts ??= lineStarts(this.bytes)).length;
  }

  /** 0-based line and UTF-16 column (as source maps count) of a span position. */
  lineColumn(position: number): { line: number; column: number } {
    const offset = this.offset(position);
    const starts = (this.lineStarts ??= lineStarts(this.bytes));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const lineStart = starts[low] ?? 0;
    return { line: low, column: this.bytes.toString('utf8', lineStart, offset).length };
  }
}

function lineStarts(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
  return starts;
}
