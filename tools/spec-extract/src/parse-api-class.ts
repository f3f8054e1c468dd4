/**
 * Reads one `src/purecloud-platform-client-v2/api/<Class>.js` of the reference SDK: for each
 * method, its signature, JSDoc, required-parameter checks and `callApi(...)` arguments.
 */
import ts from 'typescript';
import { parseMethodDoc, type MethodDoc } from './jsdoc';
import type { ProblemList } from './problems';
import type { CollectionFormat, ParameterLocation } from './swagger';

/** A parameter as the method passes it to `callApi`. */
export interface CallParam {
  in: Exclude<ParameterLocation, 'body'>;
  wireName: string;
  /** The positional argument name, or the `opts` key. */
  jsName: string;
  positional: boolean;
  collectionFormat?: CollectionFormat;
}

export interface CallBody {
  jsName: string;
  positional: boolean;
}

export interface ApiMethodSource {
  className: string;
  methodName: string;
  /** Argument names before `opts`, in order. */
  positional: string[];
  /** Names the method refuses when missing (its `Missing the required parameter` checks). */
  requiredChecks: Set<string>;
  doc: MethodDoc;
  path: string;
  httpMethod: string;
  params: CallParam[];
  body?: CallBody;
  authNames: string[];
  consumes: string[];
  produces: string[];
}

const CALL_API_ARITY = 11;
const LOCATIONS: CallParam['in'][] = ['path', 'query', 'header', 'formData'];
const COLLECTION_FORMATS = new Set(['csv', 'ssv', 'tsv', 'pipes', 'multi']);
const REQUIRED_MESSAGE = /^Missing the required parameter "([^"]+)" when calling (\S+)$/;

class Unreadable extends Error {}

function stringValue(node: ts.Node | undefined, what: string): string {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  throw new Unreadable(`${what} is not a string literal`);
}

function stringArray(node: ts.Node | undefined, what: string): string[] {
  if (!node || !ts.isArrayLiteralExpression(node)) throw new Unreadable(`${what} is not an array literal`);
  return node.elements.map((element, i) => stringValue(element, `${what}[${i}]`));
}

/** `opts['name']` -> `name`; anything else -> undefined. */
function optsKey(node: ts.Expression): string | undefined {
  if (
    ts.isElementAccessExpression(node) &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === 'opts' &&
    ts.isStringLiteral(node.argumentExpression)
  ) {
    return node.argumentExpression.text;
  }
  return undefined;
}

/** A value passed for a parameter: `name`, `opts['name']`, or either wrapped in `buildCollectionParam`. */
function readValue(node: ts.Expression, what: string): Omit<CallParam, 'in' | 'wireName'> {
  if (ts.isIdentifier(node)) return { jsName: node.text, positional: true };
  const key = optsKey(node);
  if (key !== undefined) return { jsName: key, positional: false };
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'buildCollectionParam' &&
    node.arguments.length === 2
  ) {
    const format = stringValue(node.arguments[1], `${what} collection format`);
    if (!COLLECTION_FORMATS.has(format)) throw new Unreadable(`${what} has unknown collection format "${format}"`);
    const inner = readValue(node.arguments[0]!, what);
    return { ...inner, collectionFormat: format as CollectionFormat };
  }
  throw new Unreadable(`${what} has an unrecognised value \`${node.getText()}\``);
}

function readParamObject(node: ts.Expression | undefined, location: CallParam['in']): CallParam[] {
  if (!node || !ts.isObjectLiteralExpression(node)) throw new Unreadable(`${location} parameters are not an object literal`);
  return node.properties.map((property) => {
    if (!ts.isPropertyAssignment(property)) throw new Unreadable(`a ${location} parameter is not a plain property`);
    const wireName = ts.isIdentifier(property.name) ? property.name.text : stringValue(property.name, `${location} parameter name`);
    return { in: location, wireName, ...readValue(property.initializer, `${location} parameter "${wireName}"`) };
  });
}

function readBody(node: ts.Expression | undefined): CallBody | undefined {
  if (!node) throw new Unreadable('the body argument is missing');
  if (node.kind === ts.SyntaxKind.NullKeyword) return undefined;
  const value = readValue(node, 'body');
  if (value.collectionFormat) throw new Unreadable('the body is wrapped in buildCollectionParam');
  return value;
}

/** Finds `return this.apiClient.callApi(...)` among the method's statements. */
function findCallApi(body: ts.Block): ts.CallExpression {
  for (const statement of body.statements) {
    if (
      ts.isReturnStatement(statement) &&
      statement.expression &&
      ts.isCallExpression(statement.expression) &&
      ts.isPropertyAccessExpression(statement.expression.expression) &&
      statement.expression.expression.name.text === 'callApi'
    ) {
      return statement.expression;
    }
  }
  throw new Unreadable('no `return this.apiClient.callApi(...)` statement');
}

/** The names of the `throw 'Missing the required parameter "x" when calling m'` checks. */
function findRequiredChecks(body: ts.Block, methodName: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isThrowStatement(node) && node.expression && ts.isStringLiteral(node.expression)) {
      const match = REQUIRED_MESSAGE.exec(node.expression.text);
      if (!match) throw new Unreadable(`unrecognised throw: ${node.expression.text}`);
      if (match[2] !== methodName) throw new Unreadable(`required check names another method (${match[2]})`);
      names.add(match[1]!);
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return names;
}

function leadingJsDoc(node: ts.Node, text: string): string {
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  const last = ranges.filter((range) => text.startsWith('/**', range.pos)).pop();
  if (!last) throw new Unreadable('no JSDoc block');
  return text.slice(last.pos, last.end);
}

function readMethod(className: string, method: ts.MethodDeclaration, text: string): ApiMethodSource {
  const methodName = method.name.getText();
  if (!method.body) throw new Unreadable('the method has no body');
  const argumentNames = method.parameters.map((parameter) => parameter.name.getText());
  if (argumentNames.at(-1) !== 'opts') throw new Unreadable('the last argument is not `opts`');
  const call = findCallApi(method.body);
  const args = call.arguments;
  if (args.length !== CALL_API_ARITY) throw new Unreadable(`callApi has ${args.length} arguments, expected ${CALL_API_ARITY}`);
  if (optsKey(args[10]!) !== 'customHeaders') throw new Unreadable("the last callApi argument is not opts['customHeaders']");
  return {
    className,
    methodName,
    positional: argumentNames.slice(0, -1),
    requiredChecks: findRequiredChecks(method.body, methodName),
    doc: parseMethodDoc(leadingJsDoc(method, text)),
    path: stringValue(args[0], 'the path'),
    httpMethod: stringValue(args[1], 'the HTTP method').toLowerCase(),
    params: LOCATIONS.flatMap((location, i) => readParamObject(args[2 + i], location)),
    body: readBody(args[6]),
    authNames: stringArray(args[7], 'the auth names'),
    consumes: stringArray(args[8], 'the content types'),
    produces: stringArray(args[9], 'the accepts'),
  };
}

/** Every API method of the class in `text`; methods that cannot be read go to `problems`. */
export function parseApiClass(fileName: string, text: string, problems: ProblemList): { className: string; methods: ApiMethodSource[] } {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const declaration = source.statements.find(ts.isClassDeclaration);
  if (!declaration?.name) {
    problems.add(fileName, 'no class declaration');
    return { className: fileName, methods: [] };
  }
  const className = declaration.name.text;
  const methods: ApiMethodSource[] = [];
  for (const member of declaration.members) {
    if (!ts.isMethodDeclaration(member)) continue;
    try {
      methods.push(readMethod(className, member, text));
    } catch (error) {
      // Any error while reading one method (ours or the JSDoc reader's) is reported against that method.
      if (!(error instanceof Error)) throw error;
      problems.add(`${className}.${member.name.getText()}`, error.message);
    }
  }
  return { className, methods };
}
