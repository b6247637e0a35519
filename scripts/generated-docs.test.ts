// The generated pages of docs/ match the code they come from.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingCatalogue } from '../packages/domain/src/index';
import { generatedDocs, repoRoot } from './generated-docs';

describe('generated docs', () => {
  it('are up to date (run pnpm docs:generate after changing their source)', async () => {
    for (const [path, text] of Object.entries(await generatedDocs())) {
      expect(readFileSync(resolve(repoRoot, path), 'utf8'), path).toBe(text);
    }
  });

  it('the findings page lists every finding of the catalogue with its severity', () => {
    const page = readFileSync(resolve(repoRoot, 'docs/findings.md'), 'utf8');
    for (const f of findingCatalogue) {
      expect(page).toMatch(
        new RegExp(`\\| \`${f.id.replace(/\./g, '\\.')}\`\\s+\\| ${f.severity}\\s+\\|`),
      );
    }
  });
});
