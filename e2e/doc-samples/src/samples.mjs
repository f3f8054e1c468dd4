// Turns Markdown code blocks into programs: the sample's imports at module level, the rest in an
// async function that receives the prelude (a logged-in client, ids, codes; see context.mjs), so a
// sample can be a fragment that uses `client` the way the prose around it does.
import ts from 'typescript';
import { CONTEXT_DECLARATION } from './context-types.mjs';
import { codeBlocks } from './markdown.mjs';

/** The names every sample may use without declaring them: the fields of SampleContext, read from its declaration. */
export const PRELUDE_NAMES = [...CONTEXT_DECLARATION.matchAll(/^ {2}(\w+): /gm)].map((match) => match[1]);

const EXTENSION = { ts: '.mts', mjs: '.mjs', cjs: '.cjs', ini: '.ini' };

/**
 * The samples of some Markdown files: every block of a checked language except those marked
 * `ignore`; a `continue` block is the previous sample of its file and kind plus itself.
 * Each sample: `{ id, file, line, kind, mode: 'run' | 'typecheck-only', reason, parts }`, where
 * `parts` are `{ code, line }` pieces of Markdown in program order.
 */
export function collectSamples(files) {
  const samples = [];
  const ignored = [];
  for (const file of files) {
    const previousOfKind = {};
    for (const block of codeBlocks(file)) {
      if (!block.kind) continue;
      if (block.directive === 'ignore') {
        if (!block.reason) throw new Error(`${file}:${block.line - 1}: "sample: ignore" needs a reason`);
        ignored.push({ file, line: block.line, reason: block.reason });
        continue;
      }
      if (block.directive === 'typecheck-only' && !block.reason)
        throw new Error(`${file}:${block.line - 1}: "sample: typecheck-only" needs a reason`);
      const earlier = block.directive === 'continue' ? previousOfKind[block.kind] : undefined;
      if (block.directive === 'continue' && !earlier)
        throw new Error(`${file}:${block.line - 1}: "sample: continue" has no earlier ${block.lang} block to continue`);
      const sample = {
        id: samples.length + 1,
        file,
        line: block.line,
        kind: block.kind,
        mode: block.directive === 'typecheck-only' || earlier?.mode === 'typecheck-only' ? 'typecheck-only' : 'run',
        reason: block.reason || earlier?.reason || '',
        generated: block.generated,
        parts: [...(earlier?.parts ?? []), { code: block.code, line: block.line }],
      };
      previousOfKind[block.kind] = sample;
      samples.push(sample);
    }
  }
  return { samples, ignored };
}

/** The prelude names a sample mentions (a word match: a name in a comment costs only time). */
export function preludeNamesUsed(sample) {
  const text = sample.parts.map((part) => part.code).join('\n');
  return PRELUDE_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
}

/** The program file name of a sample. */
export const sampleFileName = (sample) => `sample-${sample.id}${EXTENSION[sample.kind]}`;

/**
 * The program text of a sample and, for each of its lines, the Markdown line it came from (or
 * undefined for a line of the wrapper), so that a compiler message can name the Markdown line.
 */
export function renderSample(sample) {
  const lines = [];
  const add = (text, mdLine) => lines.push({ text, mdLine });
  if (sample.kind === 'ini') {
    for (const part of sample.parts) part.code.split('\n').forEach((text, i) => add(text, part.line + i));
    return finish(lines);
  }
  const imports = [];
  const body = [];
  for (const part of sample.parts) {
    const split = splitImports(part.code, sample.kind === 'cjs', `${sample.file}:${part.line}`);
    split.imports.forEach((text, i) => imports.push({ text, mdLine: part.line + split.importLines[i] }));
    split.body.forEach((text, i) => body.push({ text, mdLine: part.line + split.bodyLines[i] }));
  }
  const destructure = `  const { ${PRELUDE_NAMES.join(', ')} } = __ctx;`;
  if (sample.kind === 'cjs') {
    add(`/** @param {import('./context.cjs').SampleContext} __ctx */`);
    add('module.exports = async function sample(__ctx) {');
  } else {
    lines.push(...imports);
    if (sample.kind === 'ts') {
      add(`import type { SampleContext } from './context.mjs';`);
      add('export default async function sample(__ctx: SampleContext): Promise<void> {');
    } else {
      add(`/** @param {import('./context.mjs').SampleContext} __ctx */`);
      add('export default async function sample(__ctx) {');
    }
  }
  add(destructure);
  add('  {');
  lines.push(...body);
  add('  }');
  add(sample.kind === 'cjs' ? '};' : '}');
  return finish(lines);
}

const finish = (lines) => ({ text: `${lines.map((line) => line.text).join('\n')}\n`, mdLines: lines.map((line) => line.mdLine) });

/**
 * Splits a sample into its top-level import declarations and the rest, by parsing it (imports may
 * span lines). Returns the lines of each and their 0-based line offsets in the sample.
 */
function splitImports(code, commonJs, where) {
  const source = ts.createSourceFile('sample.mts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const importLineSet = new Set();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement) || hasExportModifier(statement))
      throw new Error(`${where}: a sample cannot export; it runs as the body of a function`);
    if (!ts.isImportDeclaration(statement) && !ts.isImportEqualsDeclaration(statement)) continue;
    if (commonJs) throw new Error(`${where}: a js block is CommonJS; use require, or mark the block mjs or ts`);
    const first = source.getLineAndCharacterOfPosition(statement.getStart(source)).line;
    const last = source.getLineAndCharacterOfPosition(statement.getEnd()).line;
    for (let line = first; line <= last; line++) importLineSet.add(line);
  }
  const all = code.replace(/\n$/, '').split('\n');
  const result = { imports: [], importLines: [], body: [], bodyLines: [] };
  all.forEach((text, index) => {
    if (importLineSet.has(index)) {
      result.imports.push(text);
      result.importLines.push(index);
    } else {
      result.body.push(`    ${text}`);
      result.bodyLines.push(index);
    }
  });
  return result;
}

const hasExportModifier = (statement) =>
  ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
