/**
 * Reads one model of the Python SDK (`build/PureCloudPlatformClientV2/models/user.py`): its
 * `swagger_types` (Python type per attribute), `attribute_map` (attribute -> wire name), each
 * getter's docstring (the property description) and each setter's `allowed_values` (the enum).
 */
import type { PropertyEnrichment, PropertyKind } from './types';

/** The SDK's own stand-in for a value it does not know; never an API value. */
export const PYTHON_FALLBACK_VALUE = 'outdated_sdk_version';

const SCALAR_KINDS: Record<string, PropertyKind> = { int: 'integer', float: 'number', date: 'date', datetime: 'date-time' };

export interface PythonModel {
  name: string;
  /** By wire name, in the model's order; only properties with something to say. */
  properties: Record<string, PropertyEnrichment>;
}

/** The `'key': 'value'` pairs of the dict literal assigned to `self.<name>`. */
function dictLiteral(text: string, name: string, where: string): [string, string][] {
  const start = text.indexOf(`self.${name} = {`);
  if (start < 0) throw new Error(`${where}: no self.${name}`);
  const end = text.indexOf('}', start);
  if (end < 0) throw new Error(`${where}: self.${name} is not closed`);
  return [...text.slice(start, end).matchAll(/'(\w+)': '([^']*)'/g)].map((m) => [m[1]!, m[2]!]);
}

/** `int` -> integer; `list[datetime]` -> date-time in an array; `dict(str, int)` -> integer in a map. */
export function kindOf(pythonType: string): Pick<PropertyEnrichment, 'kind' | 'container'> {
  const list = /^list\[(\w+)\]$/.exec(pythonType);
  const map = /^dict\(str, (\w+)\)$/.exec(pythonType);
  const scalar = list?.[1] ?? map?.[1] ?? pythonType;
  const kind = SCALAR_KINDS[scalar];
  if (!kind) return {};
  return { kind, ...(list ? { container: 'array' as const } : map ? { container: 'map' as const } : {}) };
}

/** The container of a Python type, needed beside an enum: `list[str]` -> array. */
function containerOf(pythonType: string): PropertyEnrichment['container'] {
  if (/^list\[/.test(pythonType)) return 'array';
  if (/^dict\(/.test(pythonType)) return 'map';
  return undefined;
}

/** Python docstrings escape `"` and `\`; the swagger text has neither escape. */
function unescapePython(text: string): string {
  return text.replace(/\\(["'\\])/g, '$1');
}

/**
 * Each property's getter and setter text, by attribute: the code from each `@property` or
 * `@<attribute>.setter` decorator to the next decorator, joined per attribute.
 */
function propertyBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of text.split(/\n[ \t]*@(?:property|\w+\.setter)[ \t]*\n/).slice(1)) {
    const attribute = /^\s*def (\w+)\(self\b/.exec(block)?.[1];
    if (attribute) blocks.set(attribute, (blocks.get(attribute) ?? '') + block);
  }
  return blocks;
}

/** The second docstring line of the getter: `Gets the x of this Model.` then the description. */
function descriptionOf(block: string, attribute: string, model: string): string | undefined {
  const marker = `Gets the ${attribute} of this ${model}.\n`;
  const start = block.indexOf(marker);
  if (start < 0) return undefined;
  const end = block.indexOf(':return:', start);
  const description = block
    .slice(start + marker.length, end < 0 ? undefined : end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
  return description ? unescapePython(description) : undefined;
}

/** The `allowed_values = [...]` of the attribute's setter, without the SDK's fallback value. */
function enumOf(block: string, attribute: string, where: string): string[] | undefined {
  const found = /allowed_values = (\[.*\])\s*$/m.exec(block);
  if (!found) return undefined;
  let values: unknown;
  try {
    values = JSON.parse(found[1]!);
  } catch {
    throw new Error(`${where}: the allowed_values of ${attribute} are not a list of double-quoted strings: ${found[1]}`);
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
    throw new Error(`${where}: the allowed_values of ${attribute} are not strings`);
  }
  const list = values.filter((v) => v !== PYTHON_FALLBACK_VALUE);
  return list.length > 0 ? list : undefined;
}

/** Parses a model file; undefined for a file that holds no model class (`__init__.py`). */
export function parsePythonModel(source: string, where: string): PythonModel | undefined {
  const text = source.replace(/\r\n/g, '\n');
  const name = /^class (\w+)\(object\):/m.exec(text)?.[1];
  if (!name) return undefined;
  const types = dictLiteral(text, 'swagger_types', where);
  const wireNames = new Map(dictLiteral(text, 'attribute_map', where));
  const blocks = propertyBlocks(text);
  const properties: Record<string, PropertyEnrichment> = {};
  for (const [attribute, pythonType] of types) {
    const wire = wireNames.get(attribute);
    if (!wire) throw new Error(`${where}: ${name}.${attribute} has no wire name in attribute_map`);
    const block = blocks.get(attribute) ?? '';
    const description = descriptionOf(block, attribute, name);
    const values = enumOf(block, attribute, where);
    const entry: PropertyEnrichment = {
      ...kindOf(pythonType),
      ...(description ? { description } : {}),
      ...(values ? { enum: values } : {}),
    };
    if (values && !entry.container) {
      const container = containerOf(pythonType);
      if (container) entry.container = container;
    }
    if (Object.keys(entry).length > 0) properties[wire] = entry;
  }
  return { name, properties };
}
