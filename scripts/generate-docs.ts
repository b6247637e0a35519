// `pnpm docs:generate`: rewrites the generated pages of docs/ (see generated-docs.ts).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generatedDocs, repoRoot } from './generated-docs';

for (const [path, text] of Object.entries(await generatedDocs())) {
  writeFileSync(resolve(repoRoot, path), text);
  console.log(`wrote ${path}`);
}
