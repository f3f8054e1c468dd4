/** Turns a TypeScript type from the reference SDK's `index.d.ts` into a Swagger 2.0 schema. */
import ts from 'typescript';
import type { Schema } from './swagger';

export class UnsupportedType extends Error {}

const MODELS_NAMESPACE = 'Models';

export function definitionRef(name: string): string {
  return `#/definitions/${name}`;
}

function keyword(kind: ts.SyntaxKind): Schema | undefined {
  switch (kind) {
    case ts.SyntaxKind.StringKeyword:
      return { type: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { type: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.ObjectKeyword:
      return { type: 'object' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
      return {};
    default:
      return undefined;
  }
}

function mapOf(value: ts.TypeNode): Schema {
  return { type: 'object', additionalProperties: typeToSchema(value) };
}

/** `"A" | "B"` -> an enum; anything else in a union is not representable here. */
function unionSchema(node: ts.UnionTypeNode): Schema {
  const values = node.types.map((member) => {
    if (ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal)) return member.literal.text;
    throw new UnsupportedType(`union member \`${member.getText()}\` is not a string literal`);
  });
  return { type: 'string', enum: values };
}

function referenceSchema(node: ts.TypeReferenceNode): Schema {
  const name = node.typeName;
  const args = node.typeArguments ?? [];
  if (ts.isQualifiedName(name)) {
    if (ts.isIdentifier(name.left) && name.left.text === MODELS_NAMESPACE) return { $ref: definitionRef(name.right.text) };
    throw new UnsupportedType(`reference to \`${name.getText()}\` outside Models`);
  }
  switch (name.text) {
    case 'Array':
      if (args.length === 1) return { type: 'array', items: typeToSchema(args[0]!) };
      break;
    case 'Record':
      if (args.length === 2 && args[0]!.kind === ts.SyntaxKind.StringKeyword) return mapOf(args[1]!);
      break;
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'File':
    case 'Blob':
      // Only meaningful for a formData parameter; build-swagger refuses it anywhere else.
      return { type: 'file' };
  }
  throw new UnsupportedType(`unsupported type reference \`${node.getText()}\``);
}

/** `{ [key: string]: T; }` -> a map of T. */
function literalSchema(node: ts.TypeLiteralNode): Schema {
  const [member] = node.members;
  if (
    node.members.length === 1 &&
    member &&
    ts.isIndexSignatureDeclaration(member) &&
    member.parameters[0]?.type?.kind === ts.SyntaxKind.StringKeyword &&
    member.type
  ) {
    return mapOf(member.type);
  }
  throw new UnsupportedType(`unsupported object type \`${node.getText()}\``);
}

export function typeToSchema(node: ts.TypeNode): Schema {
  const simple = keyword(node.kind);
  if (simple) return simple;
  if (ts.isArrayTypeNode(node)) return { type: 'array', items: typeToSchema(node.elementType) };
  if (ts.isTypeReferenceNode(node)) return referenceSchema(node);
  if (ts.isTypeLiteralNode(node)) return literalSchema(node);
  if (ts.isUnionTypeNode(node)) return unionSchema(node);
  if (ts.isParenthesizedTypeNode(node)) return typeToSchema(node.type);
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return { type: 'string', enum: [node.literal.text] };
  throw new UnsupportedType(`unsupported type \`${node.getText()}\``);
}

/** `Promise<T>` -> the schema of T, or undefined for `Promise<void>`. */
export function promiseResultSchema(node: ts.TypeNode | undefined): Schema | undefined {
  if (!node || !ts.isTypeReferenceNode(node) || node.typeName.getText() !== 'Promise' || node.typeArguments?.length !== 1) {
    throw new UnsupportedType(`return type \`${node?.getText() ?? '(none)'}\` is not Promise<T>`);
  }
  const result = node.typeArguments[0]!;
  return result.kind === ts.SyntaxKind.VoidKeyword ? undefined : typeToSchema(result);
}
