/**
 * Reads the reference SDK's `index.d.ts`: each API class's method signatures (positional
 * argument types, return type), its `<method>Options` interfaces, and the `Models` namespace.
 */
import ts from 'typescript';
import type { ProblemList } from './problems';
import type { Schema } from './swagger';
import { promiseResultSchema, typeToSchema, UnsupportedType } from './type-schema';

export interface DtsMember {
  schema: Schema;
  optional: boolean;
}

export interface DtsMethod {
  /** Positional arguments (not `opts`), by name. */
  args: Map<string, DtsMember>;
  /** Undefined for `Promise<void>`. */
  result?: Schema;
}

export interface DtsApi {
  methods: Map<string, DtsMethod>;
  /** `<method>Options` members, by method name, then key. */
  options: Map<string, Map<string, DtsMember>>;
}

export interface DtsIndex {
  apis: Map<string, DtsApi>;
  /** Every `Models` interface as a schema, in declaration order. */
  models: Map<string, Schema>;
}

const OPTIONS_SUFFIX = 'Options';

function memberName(name: ts.PropertyName): string {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();
}

function interfaceMembers(declaration: ts.InterfaceDeclaration): Map<string, DtsMember> {
  const members = new Map<string, DtsMember>();
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || !member.type) {
      throw new UnsupportedType(`member \`${member.getText()}\` is not a typed property`);
    }
    members.set(memberName(member.name), { schema: typeToSchema(member.type), optional: Boolean(member.questionToken) });
  }
  return members;
}

export function modelSchema(declaration: ts.InterfaceDeclaration): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [name, member] of interfaceMembers(declaration)) {
    properties[name] = member.schema;
    if (!member.optional) required.push(name);
  }
  return { type: 'object', ...(required.length > 0 ? { required } : {}), properties };
}

function apiFor(index: DtsIndex, className: string): DtsApi {
  let api = index.apis.get(className);
  if (!api) {
    api = { methods: new Map(), options: new Map() };
    index.apis.set(className, api);
  }
  return api;
}

function readClass(index: DtsIndex, declaration: ts.ClassDeclaration, problems: ProblemList): void {
  const className = declaration.name!.text;
  const api = apiFor(index, className);
  for (const member of declaration.members) {
    if (!ts.isMethodDeclaration(member)) continue;
    const name = member.name.getText();
    try {
      const args = new Map<string, DtsMember>();
      for (const parameter of member.parameters) {
        const argName = parameter.name.getText();
        if (argName === 'opts') continue;
        if (!parameter.type) throw new UnsupportedType(`argument ${argName} has no type`);
        args.set(argName, { schema: typeToSchema(parameter.type), optional: Boolean(parameter.questionToken) });
      }
      api.methods.set(name, { args, result: promiseResultSchema(member.type) });
    } catch (error) {
      if (!(error instanceof UnsupportedType)) throw error;
      problems.add(`${className}.${name}`, `index.d.ts: ${error.message}`);
    }
  }
}

function readNamespace(index: DtsIndex, declaration: ts.ModuleDeclaration, problems: ProblemList): void {
  const namespace = declaration.name.getText();
  const body = declaration.body;
  if (!body || !ts.isModuleBlock(body)) return;
  for (const statement of body.statements) {
    if (!ts.isInterfaceDeclaration(statement)) continue;
    const name = statement.name.text;
    try {
      if (namespace === 'Models') {
        index.models.set(name, modelSchema(statement));
      } else if (name.endsWith(OPTIONS_SUFFIX)) {
        apiFor(index, namespace).options.set(name.slice(0, -OPTIONS_SUFFIX.length), interfaceMembers(statement));
      }
    } catch (error) {
      if (!(error instanceof UnsupportedType)) throw error;
      problems.add(`${namespace}.${name}`, `index.d.ts: ${error.message}`);
    }
  }
}

/** Reads the API classes named in `classNames` and every model; anything unreadable goes to `problems`. */
export function parseDts(text: string, classNames: ReadonlySet<string>, problems: ProblemList): DtsIndex {
  const source = ts.createSourceFile('index.d.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const index: DtsIndex = { apis: new Map(), models: new Map() };
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement) && statement.name && classNames.has(statement.name.text)) {
      readClass(index, statement, problems);
    } else if (ts.isModuleDeclaration(statement) && (statement.name.getText() === 'Models' || classNames.has(statement.name.getText()))) {
      readNamespace(index, statement, problems);
    }
  }
  return index;
}
