// TypeScript's compiler API, as ts-morph bundles it (TypeScript 6; the
// `typescript` package on npm is the native port with no compiler API).
// mcpc drives the compiler API directly, so it requires the bundle itself
// rather than ts-morph's entry: that would also load ts-morph's project
// model (4 MB of JavaScript, ~80 ms of every cold run) which mcpc does not
// use. require(), not import: an ESM import of this CommonJS file makes
// Node scan 9 MB for named exports. Import `ts` from here, never from
// "ts-morph" (type-only imports from "ts-morph" are free).
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";
import { requireAsciiFile } from "./ascii-require.js";
import { derivedFilesFromFile, type DerivedFiles } from "./compile-cache.js";

// @ts-morph/common is ts-morph's own dependency: resolved from ts-morph, so
// it is found under any package manager's layout.
const require = createRequire(createRequire(import.meta.url).resolve("ts-morph"));

export const ts = requireAsciiFile(require.resolve("@ts-morph/common/dist/typescript.js"), require) as typeof TsMorph.ts;

/**
 * The standard library's declaration files (lib.es2023.d.ts, …), which
 * ts-morph ships as strings inside @ts-morph/common rather than as files.
 * Read one by one from the compile cache's copy when there is one.
 */
export function bundledLibFiles(): DerivedFiles {
  const common = require.resolve("@ts-morph/common");
  return derivedFilesFromFile("lib", common, () => (require(common) as { getLibFiles(): Array<{ fileName: string; text: string }> }).getLibFiles());
}

/**
 * The TypeScript types the compiler names as `ts.X`: a const cannot carry
 * a namespace's types, so each is re-declared here. Using a new one? Add
 * its line.
 */
export declare namespace ts {
  export type ArrayTypeNode = TsMorph.ts.ArrayTypeNode;
  export type ArrowFunction = TsMorph.ts.ArrowFunction;
  export type BigIntLiteralType = TsMorph.ts.BigIntLiteralType;
  export type BindingElement = TsMorph.ts.BindingElement;
  export type Block = TsMorph.ts.Block;
  export type BooleanLiteral = TsMorph.ts.BooleanLiteral;
  export type CallExpression = TsMorph.ts.CallExpression;
  export type ClassDeclaration = TsMorph.ts.ClassDeclaration;
  export type CompilerHost = TsMorph.ts.CompilerHost;
  export type CompilerOptions = TsMorph.ts.CompilerOptions;
  export type CreateSourceFileOptions = TsMorph.ts.CreateSourceFileOptions;
  export type ConditionalType = TsMorph.ts.ConditionalType;
  export type Declaration = TsMorph.ts.Declaration;
  export type Diagnostic = TsMorph.ts.Diagnostic;
  export type DiagnosticCategory = TsMorph.ts.DiagnosticCategory;
  export type DiagnosticMessageChain = TsMorph.ts.DiagnosticMessageChain;
  export type DocumentRegistry = TsMorph.ts.DocumentRegistry;
  export type ElementFlags = TsMorph.ts.ElementFlags;
  export type EmitResult = TsMorph.ts.EmitResult;
  export type EnumDeclaration = TsMorph.ts.EnumDeclaration;
  export type ExportAssignment = TsMorph.ts.ExportAssignment;
  export type ExportDeclaration = TsMorph.ts.ExportDeclaration;
  export type Expression = TsMorph.ts.Expression;
  export type FileTextChanges = TsMorph.ts.FileTextChanges;
  export type FreshableType = TsMorph.ts.FreshableType;
  export type FunctionDeclaration = TsMorph.ts.FunctionDeclaration;
  export type FunctionExpression = TsMorph.ts.FunctionExpression;
  export type GenericType = TsMorph.ts.GenericType;
  export type IScriptSnapshot = TsMorph.ts.IScriptSnapshot;
  export type Identifier = TsMorph.ts.Identifier;
  export type ImportDeclaration = TsMorph.ts.ImportDeclaration;
  export type ImportSpecifier = TsMorph.ts.ImportSpecifier;
  export type IndexInfo = TsMorph.ts.IndexInfo;
  export type IndexedAccessType = TsMorph.ts.IndexedAccessType;
  export type InterfaceDeclaration = TsMorph.ts.InterfaceDeclaration;
  export type InterfaceType = TsMorph.ts.InterfaceType;
  export type IntersectionType = TsMorph.ts.IntersectionType;
  export type JSDoc = TsMorph.ts.JSDoc;
  export type JSDocComment = TsMorph.ts.JSDocComment;
  export type JSDocParameterTag = TsMorph.ts.JSDocParameterTag;
  export type JSDocTag = TsMorph.ts.JSDocTag;
  export type LanguageService = TsMorph.ts.LanguageService;
  export type LanguageServiceHost = TsMorph.ts.LanguageServiceHost;
  export type LineAndCharacter = TsMorph.ts.LineAndCharacter;
  export type LiteralType = TsMorph.ts.LiteralType;
  export type LiteralTypeNode = TsMorph.ts.LiteralTypeNode;
  export type MappedTypeNode = TsMorph.ts.MappedTypeNode;
  export type MethodDeclaration = TsMorph.ts.MethodDeclaration;
  export type Modifier = TsMorph.ts.Modifier;
  export type ModifierFlags = TsMorph.ts.ModifierFlags;
  export type ModuleKind = TsMorph.ts.ModuleKind;
  export type ModuleResolutionCache = TsMorph.ts.ModuleResolutionCache;
  export type ModuleResolutionHost = TsMorph.ts.ModuleResolutionHost;
  export type ModuleResolutionKind = TsMorph.ts.ModuleResolutionKind;
  export type Node = TsMorph.ts.Node;
  export type NodeArray<T extends Node> = TsMorph.ts.NodeArray<T>;
  export type NodeFlags = TsMorph.ts.NodeFlags;
  export type NumberLiteralType = TsMorph.ts.NumberLiteralType;
  export type NumericLiteral = TsMorph.ts.NumericLiteral;
  export type ObjectBindingPattern = TsMorph.ts.ObjectBindingPattern;
  export type ObjectFlags = TsMorph.ts.ObjectFlags;
  export type ObjectLiteralExpression = TsMorph.ts.ObjectLiteralExpression;
  export type NodeFactory = TsMorph.ts.NodeFactory;
  export type ObjectType = TsMorph.ts.ObjectType;
  export type ParameterDeclaration = TsMorph.ts.ParameterDeclaration;
  export type ParsedCommandLine = TsMorph.ts.ParsedCommandLine;
  export type Program = TsMorph.ts.Program;
  export type PropertyAssignment = TsMorph.ts.PropertyAssignment;
  export type PropertyDeclaration = TsMorph.ts.PropertyDeclaration;
  export type PropertySignature = TsMorph.ts.PropertySignature;
  export type ResolvedModuleFull = TsMorph.ts.ResolvedModuleFull;
  export type ReturnStatement = TsMorph.ts.ReturnStatement;
  export type ScriptKind = TsMorph.ts.ScriptKind;
  export type ScriptTarget = TsMorph.ts.ScriptTarget;
  export type Signature = TsMorph.ts.Signature;
  export type SignatureDeclaration = TsMorph.ts.SignatureDeclaration;
  export type SourceFile = TsMorph.ts.SourceFile;
  export type Statement = TsMorph.ts.Statement;
  export type StringLiteral = TsMorph.ts.StringLiteral;
  export type StringLiteralType = TsMorph.ts.StringLiteralType;
  export type Symbol = TsMorph.ts.Symbol;
  export type SymbolFlags = TsMorph.ts.SymbolFlags;
  export type SymbolTable = TsMorph.ts.SymbolTable;
  export type SyntaxKind = TsMorph.ts.SyntaxKind;
  export type System = TsMorph.ts.System;
  export type TemplateLiteralType = TsMorph.ts.TemplateLiteralType;
  export type TextChange = TsMorph.ts.TextChange;
  export type TextChangeRange = TsMorph.ts.TextChangeRange;
  export type TextRange = TsMorph.ts.TextRange;
  export type TransformationContext = TsMorph.ts.TransformationContext;
  export type TransformerFactory<T extends Node> = TsMorph.ts.TransformerFactory<T>;
  export type TupleType = TsMorph.ts.TupleType;
  export type TupleTypeNode = TsMorph.ts.TupleTypeNode;
  export type Type = TsMorph.ts.Type;
  export type TypeAliasDeclaration = TsMorph.ts.TypeAliasDeclaration;
  export type TypeChecker = TsMorph.ts.TypeChecker;
  export type TypeFlags = TsMorph.ts.TypeFlags;
  export type TypeFormatFlags = TsMorph.ts.TypeFormatFlags;
  export type TypeLiteralNode = TsMorph.ts.TypeLiteralNode;
  export type TypeNode = TsMorph.ts.TypeNode;
  export type TypeOperatorNode = TsMorph.ts.TypeOperatorNode;
  export type TypeParameter = TsMorph.ts.TypeParameter;
  export type TypeParameterDeclaration = TsMorph.ts.TypeParameterDeclaration;
  export type TypeReference = TsMorph.ts.TypeReference;
  export type TypeReferenceNode = TsMorph.ts.TypeReferenceNode;
  export type UnionType = TsMorph.ts.UnionType;
  export type UnionTypeNode = TsMorph.ts.UnionTypeNode;
  export type VariableDeclaration = TsMorph.ts.VariableDeclaration;
  export type VariableStatement = TsMorph.ts.VariableStatement;
  export type Visitor = TsMorph.ts.Visitor;
}
