import { join } from 'node:path';
import type { Operation, SwaggerDocument } from '../src/swagger';

export const FIXTURE_SDK = join(__dirname, 'fixtures', 'mini-sdk');
export const COMMITTED_SPEC = join(__dirname, '..', '..', '..', 'spec', 'platform-api.swagger.json');

export function operation(doc: SwaggerDocument, method: string, path: string): Operation {
  const found = (doc.paths[path] as Record<string, Operation> | undefined)?.[method];
  if (!found) throw new Error(`no ${method.toUpperCase()} ${path} in the document`);
  return found;
}

export function parameter(op: Operation, name: string) {
  const found = op.parameters.find((p) => p.name === name);
  if (!found) throw new Error(`no parameter ${name} on ${op.operationId}`);
  return found;
}
