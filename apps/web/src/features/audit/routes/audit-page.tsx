import { History20Regular } from '@fluentui/react-icons';
import { EmptyState } from '../../../components/empty-state';
import { PageHeader } from '../../../components/page-header';

/** Placeholder until the audit-log issue: say honestly what will be here. */
export function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the console, filterable and exportable, with a verification of its hash chain."
      />
      <EmptyState title="Arrives with the access review" icon={<History20Regular />}>
        The console makes no changes yet, so there is nothing to audit. The log starts with the
        first change made through Latchkey.
      </EmptyState>
    </>
  );
}
