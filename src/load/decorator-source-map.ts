/**
 * Fill the holes swc leaves in its source maps, so a stack frame never borrows another line.
 *
 * swc maps no position of the code it generates for decorators (`_ts_decorate([...], A.prototype,
 * "name", void 0)`) or of its helpers. A frame there (TypeORM's "Column type for A#name is not
 * defined", thrown while a decorator is applied) then took the nearest mapping before it: the
 * previous member's decorator, or the first import. Here every generated line gets a mapping at
 * column 0: a decorator statement's lines point at the first decorator of the member (or class)
 * it decorates, and any other unmapped line is marked as having no source, so Node and
 * original-position.ts show the generated position instead of a wrong one.
 */
import type { ClassMember, Decorator, Module, ModuleItem } from '@swc/core';
import type { SpanText } from './swc-spans';
import { decodeMappings, encodeMappings, type Segment } from './vlq';

export interface RawSourceMap {
  mappings: string;
  [key: string]: unknown;
}

interface Position {
  line: number;
  column: number;
}

export function fillDecoratorMappings(map: RawSourceMap, out: { ast: Module; spans: SpanText }, source: { ast: Module; spans: SpanText }): RawSourceMap {
  const decorated = decoratorPositions(source);
  const lineTargets = new Map<number, Position>();
  for (const statement of out.ast.body) {
    const target = decorateTarget(statement);
    const position = target && decorated.get(target);
    if (!position) continue;
    const first = out.spans.lineColumn(statement.span.start).line;
    const last = out.spans.lineColumn(statement.span.end).line;
    for (let line = first; line <= last; line++) lineTargets.set(line, position);
  }
  const lines = decodeMappings(map.mappings);
  const lineCount = out.spans.lineCount();
  while (lines.length < lineCount) lines.push([]);
  lines.forEach((segments, line) => {
    if (segments[0]?.[0] === 0) return;
    const target = lineTargets.get(line);
    const filler: Segment = target ? [0, 0, target.line, target.column] : [0];
    segments.unshift(filler);
  });
  return { ...map, mappings: encodeMappings(lines) };
}

export function hasDecoratorStatements(ast: Module): boolean {
  return ast.body.some((statement) => decorateTarget(statement) !== undefined);
}

/** `Class#member`, `Class.member` (static) or `Class` for what a generated statement decorates. */
function decorateTarget(statement: ModuleItem): string | undefined {
  if (statement.type !== 'ExpressionStatement') return undefined;
  let call = statement.expression;
  if (call.type === 'AssignmentExpression') call = call.right; // A = _ts_decorate([...], A)
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.value !== '_ts_decorate') return undefined;
  const [, target, key] = call.arguments.map((a) => a.expression);
  if (!target) return undefined;
  const keyName = key?.type === 'StringLiteral' ? key.value : undefined;
  if (target.type === 'Identifier') return keyName === undefined ? target.value : `${target.value}.${keyName}`;
  if (target.type === 'MemberExpression' && target.object.type === 'Identifier' && keyName !== undefined) {
    return `${target.object.value}#${keyName}`;
  }
  return undefined;
}

/** The first decorator of every decorated class and member in the TypeScript source. */
function decoratorPositions(source: { ast: Module; spans: SpanText }): Map<string, Position> {
  const out = new Map<string, Position>();
  const at = (decorators: Decorator[] | undefined): Position | undefined =>
    decorators?.[0] ? source.spans.lineColumn(decorators[0].span.start) : undefined;
  for (const item of source.ast.body) {
    const declared = classOf(item);
    if (!declared) continue;
    const { name, decorators, body } = declared;
    const classAt = at(decorators) ?? at(body.flatMap(constructorParameterDecorators));
    if (classAt) out.set(name, classAt);
    for (const member of body) {
      const key = memberKey(member);
      const memberAt = key === undefined ? undefined : at(memberDecorators(member));
      if (key !== undefined && memberAt) out.set(`${name}${isStatic(member) ? '.' : '#'}${key}`, memberAt);
    }
  }
  return out;
}

function classOf(item: ModuleItem): { name: string; decorators?: Decorator[]; body: ClassMember[] } | undefined {
  const declaration =
    item.type === 'ClassDeclaration'
      ? item
      : item.type === 'ExportDeclaration' && item.declaration.type === 'ClassDeclaration'
        ? item.declaration
        : item.type === 'ExportDefaultDeclaration' && item.decl.type === 'ClassExpression'
          ? item.decl
          : undefined;
  const name = declaration?.identifier?.value;
  return declaration && name ? { name, decorators: declaration.decorators, body: declaration.body } : undefined;
}

function memberKey(member: ClassMember): string | undefined {
  if (member.type !== 'ClassProperty' && member.type !== 'ClassMethod') return undefined;
  const key = member.key;
  if (key.type === 'Identifier' || key.type === 'StringLiteral') return key.value;
  return undefined;
}

function memberDecorators(member: ClassMember): Decorator[] | undefined {
  if (member.type === 'ClassProperty') return member.decorators;
  if (member.type === 'ClassMethod') return member.function.decorators;
  return undefined;
}

function isStatic(member: ClassMember): boolean {
  return (member.type === 'ClassProperty' || member.type === 'ClassMethod') && member.isStatic;
}

/** `constructor(@Inject() x)`: swc decorates the class with them (`_ts_param`). */
function constructorParameterDecorators(member: ClassMember): Decorator[] {
  if (member.type !== 'Constructor') return [];
  return member.params.flatMap((param) => ('decorators' in param && Array.isArray(param.decorators) ? param.decorators : []));
}
