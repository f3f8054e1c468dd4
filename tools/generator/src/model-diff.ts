/**
 * The changes of one model as `models.ts` writes it: an interface of its properties (name, type,
 * optional or not) or a type alias. Descriptions (and the integer and date notes) are TSDoc only: they
 * are not compared, so that documentation alone does not release every package that reaches a model.
 */
import { finding, type Finding } from './bump.js';
import type { Schema } from './model.js';
import type { ModelUse } from './model-use.js';
import { compareTypes, shortType, typeFindings, typeText } from './type-diff.js';
import { isInterfaceModel } from './types.js';

const property = (name: string) => `property \`${name}\``;

function diffProperties(before: Schema, after: Schema, use: ModelUse): Finding[] {
  const old = before.properties ?? {};
  const now = after.properties ?? {};
  const wasRequired = (name: string) => before.required?.includes(name) === true;
  const isRequired = (name: string) => after.required?.includes(name) === true;
  const found: Finding[] = [];
  for (const name of Object.keys(old)) if (!(name in now)) found.push(finding('major', `${property(name)} removed`));
  for (const [name, schema] of Object.entries(now)) {
    if (!(name in old)) {
      // Callers that build the model must now set a new required property.
      if (isRequired(name)) found.push(finding(use.input ? 'major' : 'minor', `${property(name)} added (required)`));
      else found.push(finding('minor', `${property(name)} added`));
      continue;
    }
    found.push(...typeFindings(property(name), compareTypes(old[name], schema)));
    if (!wasRequired(name) && isRequired(name)) found.push(finding(use.input ? 'major' : 'minor', `${property(name)} made required`));
    // Readers of a property that may now be missing must handle undefined.
    if (wasRequired(name) && !isRequired(name)) found.push(finding(use.output ? 'major' : 'minor', `${property(name)} made optional`));
  }
  return found;
}

export function diffModel(before: Schema, after: Schema, use: ModelUse): Finding[] {
  const wasInterface = isInterfaceModel(before);
  const isInterface = isInterfaceModel(after);
  if (wasInterface && isInterface) return diffProperties(before, after, use);
  if (!wasInterface && !isInterface) return typeFindings('type', compareTypes(before, after));
  return [
    finding(
      'major',
      wasInterface
        ? `now the type ${shortType(typeText(after))} (was an interface)`
        : `now an interface (was the type ${shortType(typeText(before))})`,
    ),
  ];
}
