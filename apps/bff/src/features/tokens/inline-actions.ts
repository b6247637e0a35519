import type { InlineScopeMap } from '@latchkey/domain';
import { AppError } from '../../http/errors';

/** `repositories/<repo>/<perm>` and `gateway/<cr>/<perm>` from the inline form, validated. */
export function inlineActions(inline: InlineScopeMap): string[] {
  const actions: string[] = [];
  inline.repositories.forEach((r, i) => {
    const repo = r.repository.trim().toLowerCase();
    const wildcardOk =
      repo === '*' ||
      !repo.includes('*') ||
      (/^[^*]+\/\*$/.test(repo) && !repo.slice(0, -2).includes('*'));
    const shapeOk =
      repo === '*' ||
      /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?:\/\*)?$/.test(
        repo,
      );
    if (!wildcardOk || !shapeOk) {
      throw new AppError(
        'invalid_input',
        `Repository "${r.repository}" is not a valid repository name or pattern.`,
        {
          details: [
            {
              field: `scopeMap.inline.repositories.${i}.repository`,
              rule: wildcardOk ? 'repository-name' : 'wildcard-position',
              message: wildcardOk
                ? 'use lower-case path components of letters and digits separated by ".", "_", "__" or "-", joined by "/"'
                : 'a wildcard is allowed only as a trailing "/*" or as the whole name "*"',
            },
          ],
        },
      );
    }
    for (const p of r.permissions) actions.push(`repositories/${repo}/${p}`);
  });
  for (const g of inline.gateways) {
    for (const p of g.permissions)
      actions.push(`gateway/${g.connectedRegistry.toLowerCase()}/${p}`);
  }
  const unique = [...new Set(actions)];
  if (unique.length === 0) {
    throw new AppError(
      'invalid_input',
      'The new scope map grants nothing: add at least one permission.',
      {
        details: [
          {
            field: 'scopeMap.inline',
            rule: 'not-empty',
            message: 'at least one permission is required',
          },
        ],
      },
    );
  }
  if (unique.length > 500) {
    throw new AppError(
      'invalid_input',
      `A scope map holds at most 500 actions; this one has ${unique.length}.`,
      {
        details: [
          {
            field: 'scopeMap.inline',
            rule: 'max-500-actions',
            message: 'at most 500 actions per scope map',
          },
        ],
      },
    );
  }
  return unique;
}
