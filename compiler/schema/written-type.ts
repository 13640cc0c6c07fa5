import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";
import { readDoc, type DocTag } from "../typescript/jsdoc.js";
import { isArrayOrTupleSyntax } from "./written-order.js";

/**
 * The syntax a type was written in at one position, with the written type
 * arguments its type parameters stand for there. A primitive alias
 * (`type Email = string`) leaves no trace in the checker's resolved type, so
 * its tags can only be found by following what the user wrote next to the
 * resolved type: `Page<Email>` makes `items: T[]` inside Page mean `Email[]`.
 * The resolved type stays the source of truth; the syntax only finds tags
 * (and the order a union is written in).
 */
export interface Written {
  node: ts.TypeNode;
  scope: Scope;
}

/** Type parameter declaration → what was written for it where the generic was used. */
export type Scope = ReadonlyMap<ts.TypeParameterDeclaration, Written>;

export const EMPTY_SCOPE: Scope = new Map();

/** A written type with its aliases seen through: the type it ends at, and the aliases passed, nearest first. */
export interface Expanded {
  written: Written;
  aliases: ts.TypeAliasDeclaration[];
}

/** Deeper than any alias chain written by hand; guards against `type A<T> = A<T>`-like loops the checker refused. */
const MAX_EXPANSION = 100;

/**
 * Follows parentheses, type parameters (to what was written for them) and
 * type aliases (to their right-hand side) until the syntax names something
 * else: a keyword, an interface, an array, a union, a literal type.
 */
export function expand(checker: ts.TypeChecker, start: Written): Expanded {
  const aliases: ts.TypeAliasDeclaration[] = [];
  let { node, scope } = start;
  for (let step = 0; step < MAX_EXPANSION; step++) {
    if (typescript.isParenthesizedTypeNode(node)) {
      node = node.type;
      continue;
    }
    if (typescript.isMappedTypeNode(node)) {
      // `Readonly<Email[]>`: a mapped type over an array or tuple is an array or tuple of the same elements,
      // written inside the argument.
      const mapped = mappedArraySyntax(checker, node, scope);
      if (mapped === undefined) break;
      ({ node, scope } = mapped);
      continue;
    }
    if (!typescript.isTypeReferenceNode(node)) break;
    const declaration = referencedDeclaration(checker, node);
    if (declaration !== undefined && typescript.isTypeParameterDeclaration(declaration)) {
      const bound = scope.get(declaration);
      if (bound === undefined) break;
      ({ node, scope } = bound);
      continue;
    }
    if (declaration === undefined || !typescript.isTypeAliasDeclaration(declaration)) break;
    aliases.push(declaration);
    scope = bindTypeArguments(declaration.typeParameters, node.typeArguments, scope, new Map());
    node = declaration.type;
  }
  return { written: { node, scope }, aliases };
}

/** `{ [P in keyof T]: … }` where `T` was written as an array or a tuple: that written array or tuple. */
function mappedArraySyntax(checker: ts.TypeChecker, node: ts.MappedTypeNode, scope: Scope): Written | undefined {
  const constraint = node.typeParameter.constraint;
  if (constraint === undefined || !typescript.isTypeOperatorNode(constraint) || constraint.operator !== typescript.SyntaxKind.KeyOfKeyword) return undefined;
  if (!typescript.isTypeReferenceNode(constraint.type)) return undefined;
  const declaration = referencedDeclaration(checker, constraint.type);
  if (declaration === undefined || !typescript.isTypeParameterDeclaration(declaration)) return undefined;
  const bound = scope.get(declaration);
  if (bound === undefined) return undefined;
  return isArrayOrTupleSyntax(expand(checker, bound).written.node) ? bound : undefined;
}

/** The tags of an alias chain (nearest first, as `expand` gives it) in the order to apply them: nearest last, so it wins. */
export function aliasTags(aliases: readonly ts.TypeAliasDeclaration[]): DocTag[] {
  return [...aliases].reverse().flatMap((alias) => readDoc(alias).tags);
}

/**
 * The scope an object type's members are read in, given the syntax that
 * names it: `Page<Email>` binds Page's `T` (and, through `extends Base<T>`,
 * Base's parameters); an object literal or mapped type written inside an
 * alias keeps the alias's scope; an intersection joins its members' scopes.
 */
export function memberScope(checker: ts.TypeChecker, written: Written | undefined): Scope {
  if (written === undefined) return EMPTY_SCOPE;
  const out = new Map<ts.TypeParameterDeclaration, Written>();
  addMemberScope(checker, written, out, 0);
  return out;
}

function addMemberScope(checker: ts.TypeChecker, start: Written, out: Map<ts.TypeParameterDeclaration, Written>, depth: number): void {
  if (depth > MAX_EXPANSION) return;
  const { node, scope } = expand(checker, start).written;
  for (const [parameter, bound] of scope) if (!out.has(parameter)) out.set(parameter, bound);
  if (typescript.isIntersectionTypeNode(node)) {
    for (const member of node.types) addMemberScope(checker, { node: member, scope }, out, depth + 1);
    return;
  }
  if (!typescript.isTypeReferenceNode(node) && !typescript.isExpressionWithTypeArguments(node)) return;
  const declaration = referencedDeclaration(checker, node);
  if (declaration !== undefined && typescript.isTypeAliasDeclaration(declaration)) {
    // `interface Labelled<T> extends Box<T>` where Box is an alias (heritage syntax is not a type node, so expand did not follow it).
    const bound = bindTypeArguments(declaration.typeParameters, node.typeArguments, scope, new Map());
    addMemberScope(checker, { node: declaration.type, scope: bound }, out, depth + 1);
    return;
  }
  if (declaration === undefined || !(typescript.isInterfaceDeclaration(declaration) || typescript.isClassDeclaration(declaration))) return;
  const own = bindTypeArguments(declaration.typeParameters, node.typeArguments, scope, new Map());
  for (const [parameter, bound] of own) if (!out.has(parameter)) out.set(parameter, bound);
  // `interface Page<T> extends Base<T>`: Base's members are read with Base's parameters bound too.
  for (const clause of declaration.heritageClauses ?? []) {
    for (const base of clause.types) addMemberScope(checker, { node: base as unknown as ts.TypeNode, scope: own }, out, depth + 1);
  }
}

/** `Box<Email>` against `type Box<T>`: T → Email (read in the scope of the use). Defaults fill what is not written. */
function bindTypeArguments(
  parameters: readonly ts.TypeParameterDeclaration[] | undefined,
  args: readonly ts.TypeNode[] | undefined,
  useScope: Scope,
  into: Map<ts.TypeParameterDeclaration, Written>,
): Map<ts.TypeParameterDeclaration, Written> {
  parameters?.forEach((parameter, i) => {
    const arg = args?.[i];
    if (arg !== undefined) into.set(parameter, { node: arg, scope: useScope });
    else if (parameter.default !== undefined) into.set(parameter, { node: parameter.default, scope: into });
  });
  return into;
}

/**
 * The same written references are followed again at every site that reaches
 * them (each property, each union member, each alias in a chain), and the
 * checker resolves the name anew each time: answers are kept per checker
 * (a watch rebuild's new checker asks again, as a reused node may name
 * something else in the new program).
 */
const referencedByChecker = new WeakMap<ts.TypeChecker, Map<ts.Node, ts.Declaration | undefined>>();

/** The declaration a type reference names (through imports): an alias, interface, class, enum or type parameter. */
function referencedDeclaration(checker: ts.TypeChecker, node: ts.TypeReferenceNode | ts.ExpressionWithTypeArguments): ts.Declaration | undefined {
  let known = referencedByChecker.get(checker);
  if (known === undefined) referencedByChecker.set(checker, (known = new Map()));
  if (known.has(node)) return known.get(node);
  const declaration = resolveReference(checker, node);
  known.set(node, declaration);
  return declaration;
}

function resolveReference(checker: ts.TypeChecker, node: ts.TypeReferenceNode | ts.ExpressionWithTypeArguments): ts.Declaration | undefined {
  const name = typescript.isTypeReferenceNode(node) ? node.typeName : node.expression;
  let symbol = checker.getSymbolAtLocation(name);
  if (symbol !== undefined && symbol.flags & typescript.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations ?? [];
  return (
    declarations.find(typescript.isTypeParameterDeclaration) ??
    declarations.find(typescript.isTypeAliasDeclaration) ??
    declarations.find((d) => typescript.isInterfaceDeclaration(d) || typescript.isClassDeclaration(d))
  );
}

/**
 * `Promise<T>`, `PromiseLike<T>`, `Awaited<T>` as written for a result: the T
 * that the awaited type was written as.
 */
export function awaitedSyntax(node: ts.TypeNode | undefined): ts.TypeNode | undefined {
  let current = node;
  while (current !== undefined) {
    if (typescript.isParenthesizedTypeNode(current)) current = current.type;
    else if (
      typescript.isTypeReferenceNode(current) &&
      typescript.isIdentifier(current.typeName) &&
      ["Promise", "PromiseLike", "Awaited"].includes(current.typeName.text) &&
      current.typeArguments?.length === 1
    ) {
      current = current.typeArguments[0];
    } else break;
  }
  return current;
}

/** One member of a union as written: its type as the checker reads that syntax, and the syntax. */
export interface WrittenMember {
  type: ts.Type;
  written: Written | undefined;
}

/**
 * The members a union's syntax names, flattened through parentheses, nested
 * unions, aliases and type parameters, each with its own syntax. A member the
 * syntax names as a whole but the checker splits (`boolean`, an enum) gives
 * its parts, without syntax.
 */
export function writtenUnionMembers(checker: ts.TypeChecker, start: Written): WrittenMember[] {
  const out: WrittenMember[] = [];
  const walk = (written: Written, depth: number) => {
    const { node, scope } = expand(checker, written).written;
    if (depth < MAX_EXPANSION && typescript.isUnionTypeNode(node)) {
      for (const member of node.types) walk({ node: member, scope }, depth + 1);
      return;
    }
    const type = checker.getTypeFromTypeNode(node);
    if (type.isUnion()) for (const part of type.types) out.push({ type: part, written: undefined });
    else out.push({ type, written });
  };
  walk(start, 0);
  return out;
}

/** Whether a written type carries alias tags of its own (through its alias chain). */
export function hasAliasTags(checker: ts.TypeChecker, written: Written | undefined): boolean {
  return written !== undefined && aliasTags(expand(checker, written).aliases).length > 0;
}
