import type ts from "typescript";
import { typescript } from "../typescript/compiler-api.js";

/**
 * A union's members in the order the source writes them. The checker keeps
 * a union's members in the order their types were first made, which depends
 * on unrelated code: after `first(mode: "fast")`, the type
 * `"slow" | "fast"` lists "fast" first. Enum values and anyOf branches
 * should read as the author wrote them, whatever the checker did before.
 * Members the syntax does not name (a union from a generic or a mapped
 * type) keep the checker's order, after the written ones.
 */
export function inWrittenOrder(checker: ts.TypeChecker, members: readonly ts.Type[], written: ts.TypeNode | undefined): ts.Type[] {
  if (written === undefined || members.length < 2) return [...members];
  const rank = new Map<ts.Type, number>();
  for (const type of writtenMembers(checker, written, new Set())) if (!rank.has(type)) rank.set(type, rank.size);
  if (rank.size === 0) return [...members];
  const at = (type: ts.Type) => rank.get(type) ?? Number.MAX_SAFE_INTEGER;
  // Array.prototype.sort is stable: unranked members keep their relative order.
  return [...members].sort((a, b) => at(a) - at(b));
}

/** The member types a union's syntax names, in order, through parentheses, nested unions and plain aliases. */
function writtenMembers(checker: ts.TypeChecker, node: ts.TypeNode, seen: Set<ts.Node>): ts.Type[] {
  if (seen.has(node)) return [];
  seen.add(node);
  if (typescript.isParenthesizedTypeNode(node)) return writtenMembers(checker, node.type, seen);
  if (typescript.isUnionTypeNode(node)) return node.types.flatMap((member) => writtenMembers(checker, member, seen));
  if (typescript.isTypeReferenceNode(node) && node.typeArguments === undefined) {
    const alias = plainAliasOf(checker, node);
    if (alias !== undefined) return writtenMembers(checker, alias.type, seen);
  }
  const type = checker.getTypeFromTypeNode(node);
  // `boolean`, an enum, `keyof T`: a union the syntax does not spell out, in the checker's order.
  return type.isUnion() ? [...type.types] : [type];
}

/** The declaration of a non-generic type alias a reference names (through imports). */
function plainAliasOf(checker: ts.TypeChecker, node: ts.TypeReferenceNode): ts.TypeAliasDeclaration | undefined {
  let symbol = checker.getSymbolAtLocation(node.typeName);
  if (symbol !== undefined && symbol.flags & typescript.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
  const declaration = symbol?.declarations?.find(typescript.isTypeAliasDeclaration);
  return declaration !== undefined && declaration.typeParameters === undefined ? declaration : undefined;
}

/**
 * The syntax of an array's or tuple's element, when the container's own
 * syntax says it: `T[]`, `readonly T[]`, `Array<T>`, `ReadonlyArray<T>`,
 * the i-th of a tuple's `count` elements (`[A, B?, ...C[]]`), and the one
 * array-like member of a union such as `T[] | null`.
 */
export function elementSyntax(container: ts.TypeNode | undefined, index?: number, count?: number): ts.TypeNode | undefined {
  const node = container === undefined ? undefined : withoutReadonly(container);
  if (node === undefined) return undefined;
  if (typescript.isUnionTypeNode(node)) {
    const containers = node.types.filter((member) => elementSyntax(member, index, count) !== undefined);
    return containers.length === 1 ? elementSyntax(containers[0], index, count) : undefined;
  }
  if (typescript.isArrayTypeNode(node)) return node.elementType;
  if (isArrayReference(node)) return node.typeArguments[0];
  if (typescript.isTupleTypeNode(node) && index !== undefined && node.elements.length === count) return tupleElementSyntax(node, index);
  return undefined;
}

/** `T[]`, `Array<T>`, `ReadonlyArray<T>` or a tuple, under any parentheses and `readonly`. */
export function isArrayOrTupleSyntax(written: ts.TypeNode): boolean {
  const node = withoutReadonly(written);
  return typescript.isArrayTypeNode(node) || typescript.isTupleTypeNode(node) || isArrayReference(node);
}

function withoutReadonly(written: ts.TypeNode): ts.TypeNode {
  let node = written;
  while (typescript.isParenthesizedTypeNode(node) || (typescript.isTypeOperatorNode(node) && node.operator === typescript.SyntaxKind.ReadonlyKeyword)) node = node.type;
  return node;
}

function isArrayReference(node: ts.TypeNode): node is ts.TypeReferenceNode & { typeArguments: ts.NodeArray<ts.TypeNode> } {
  return (
    typescript.isTypeReferenceNode(node) &&
    typescript.isIdentifier(node.typeName) &&
    node.typeArguments?.length === 1 &&
    (node.typeName.text === "Array" || node.typeName.text === "ReadonlyArray")
  );
}

/** A tuple's i-th element as written; undefined where a spread (`...Other`) makes positions differ from the checker's. */
function tupleElementSyntax(node: ts.TupleTypeNode, index: number): ts.TypeNode | undefined {
  const last = node.elements.length - 1;
  for (const [i, written] of node.elements.entries()) {
    if (isRest(written) && (i !== last || !typescript.isArrayTypeNode(unwrapMember(written)))) return undefined;
  }
  const written = node.elements[index];
  if (written === undefined) return undefined;
  const type = unwrapMember(written);
  // `...C[]` stands for elements of C.
  return isRest(written) && typescript.isArrayTypeNode(type) ? type.elementType : type;
}

function isRest(element: ts.TypeNode): boolean {
  return typescript.isRestTypeNode(element) || (typescript.isNamedTupleMember(element) && element.dotDotDotToken !== undefined);
}

/** `name?: T`, `T?`, `...T`: the T. */
function unwrapMember(element: ts.TypeNode): ts.TypeNode {
  let type = typescript.isNamedTupleMember(element) ? element.type : element;
  if (typescript.isOptionalTypeNode(type) || typescript.isRestTypeNode(type)) type = type.type;
  return type;
}

/**
 * An object type's properties in the order the type reads: the checker lists
 * an interface's or class's own members before the inherited ones, but
 * `interface B extends A { … }` reads A's members first. So: the bases' members
 * (in `extends` order, each base's own bases first), then the type's own
 * members as declared; a member a type redeclares keeps its base's position,
 * as a key assigned again keeps its place in a JavaScript object. An
 * intersection `A & B` lists A's members, then B's. Other types (object
 * literals, mapped types) keep the checker's order.
 */
export function propertiesInWrittenOrder(checker: ts.TypeChecker, type: ts.Type): ts.Symbol[] {
  const properties = checker.getPropertiesOfType(type);
  if (properties.length < 2) return [...properties];
  const rank = new Map<string, number>();
  for (const name of namesInOrder(checker, type, new Set())) if (!rank.has(name)) rank.set(name, rank.size);
  const at = (symbol: ts.Symbol) => rank.get(symbol.getName()) ?? Number.MAX_SAFE_INTEGER;
  return [...properties].sort((a, b) => at(a) - at(b));
}

function namesInOrder(checker: ts.TypeChecker, type: ts.Type, seen: Set<ts.Type>): string[] {
  if (seen.has(type)) return [];
  seen.add(type);
  if (type.isIntersection()) return type.types.flatMap((member) => namesInOrder(checker, member, seen));
  const properties = checker.getPropertiesOfType(type);
  const own = properties.map((p) => p.getName());
  const declared = classOrInterfaceOf(type) ?? mappedSourceOf(checker, type, properties);
  if (declared === undefined) return own;
  const bases = checker.getBaseTypes(declared).flatMap((base) => namesInOrder(checker, base, seen));
  return [...bases, ...own];
}

/**
 * `Partial<Pet>`, `Pick<Pet, …>`: a mapped type over an interface or class
 * lists its members as the checker lists that type's, so it takes the written
 * order of the interface or class its members are declared in (the most
 * derived one, which holds them all).
 */
function mappedSourceOf(checker: ts.TypeChecker, type: ts.Type, properties: readonly ts.Symbol[]): ts.InterfaceType | undefined {
  if (!(type.flags & typescript.TypeFlags.Object) || !((type as ts.ObjectType).objectFlags & typescript.ObjectFlags.Mapped)) return undefined;
  const containers = new Set<ts.Node>();
  for (const property of properties) {
    const parent = property.declarations?.[0]?.parent;
    if (parent !== undefined && (typescript.isInterfaceDeclaration(parent) || typescript.isClassDeclaration(parent))) containers.add(parent);
  }
  const names = new Set(properties.map((p) => p.getName()));
  for (const container of containers) {
    const name = (container as ts.InterfaceDeclaration | ts.ClassDeclaration).name;
    const symbol = name === undefined ? undefined : checker.getSymbolAtLocation(name);
    if (symbol === undefined) continue;
    const candidate = classOrInterfaceOf(checker.getDeclaredTypeOfSymbol(symbol));
    if (candidate === undefined) continue;
    const covered = new Set(namesInOrder(checker, candidate, new Set()));
    if ([...names].every((name) => covered.has(name))) return candidate;
  }
  return undefined;
}

/** The interface or class a type is (or instantiates: `Page<string>` → Page). */
function classOrInterfaceOf(type: ts.Type): ts.InterfaceType | undefined {
  if (!(type.flags & typescript.TypeFlags.Object)) return undefined;
  const objectFlags = (type as ts.ObjectType).objectFlags;
  if (objectFlags & typescript.ObjectFlags.ClassOrInterface) return type as ts.InterfaceType;
  if (objectFlags & typescript.ObjectFlags.Reference) {
    const target = (type as ts.TypeReference).target;
    if (target !== type && target.objectFlags & typescript.ObjectFlags.ClassOrInterface) return target;
  }
  return undefined;
}
