/**
 * npm start: the four login programs in turn against the embedded mock server. Against a real org
 * run them one at a time (`npm run client-credentials`, …): there each grant needs an OAuth client
 * of its own type.
 */
import { clientCredentials } from './client-credentials.js';
import { codeAuthorization } from './code-authorization.js';
import { pkceCli } from './pkce-cli.js';
import { saml2Bearer } from './saml2-bearer.js';
import { openTarget, realOrgWanted, type Print } from './target.js';

const programs = [clientCredentials, saml2Bearer, codeAuthorization, pkceCli];

async function main(print: Print): Promise<void> {
  if (realOrgWanted())
    throw new Error(
      'GENESYS_CLOUD_* variables are set: against a real org run one program at a time, with the OAuth client of its grant ' +
        `(npm run ${programs.map((p) => p.name).join(', npm run ')})`,
    );
  const target = await openTarget('login examples', []);
  try {
    print(`Target: ${target.description}`);
    for (const program of programs) {
      print(`\n== ${program.name} ==`);
      await program.run(target, print);
    }
  } finally {
    await target.close();
  }
}

main((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
  process.stderr.write(`login examples failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
