// Each declaration file written twice: `.d.ts` for `require` and `.d.mts` for `import`, with relative
// specifiers pointed at `.mjs`, so that neither kind of consumer is handed the other format's
// declarations (arethetypeswrong: FalseCJS / FalseESM). Used by the build of every package.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `from './x.js'` and `import('./x.js')` in a declaration file, pointed at `./x.mjs`. */
export function toEsmDeclaration(text) {
  return text.replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g, '$1$2$3.mjs$2');
}

/**
 * Writes the `.d.mts` twin of every `.d.ts` under `folder`. Files named in `typesOnly` hold types only,
 * which mean the same from either format: their twin re-exports them instead of repeating them
 * (models of 1.4 MB in the umbrella).
 */
export function writeEsmDeclarations(folder, typesOnly = []) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const twin = path.replace(/\.d\.ts$/, '.d.mts');
    if (entry.isDirectory()) writeEsmDeclarations(path, typesOnly);
    else if (typesOnly.includes(entry.name))
      writeFileSync(
        twin,
        `// Types only: the same declarations serve both module formats.\nexport type * from './${entry.name.replace(/\.d\.ts$/, '.js')}';\n`,
      );
    else if (entry.name.endsWith('.d.ts')) writeFileSync(twin, toEsmDeclaration(readFileSync(path, 'utf8')));
  }
}
