import { ClipboardTaskListLtr20Regular } from '@fluentui/react-icons';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';

/** Placeholder until the access-review issue: say honestly what will be here. */
export function AccessReviewPage() {
  return (
    <>
      <PageHeader
        title="Access review"
        description="Findings by severity, “who can access repository X”, a token × repository matrix and evidence export."
      />
      <EmptyState title="Arrives with the access review" icon={<ClipboardTaskListLtr20Regular />}>
        This page is not built yet. Until then, the Tokens page shows every token with its password
        state, and each token’s page shows what its scope map allows.
      </EmptyState>
    </>
  );
}
