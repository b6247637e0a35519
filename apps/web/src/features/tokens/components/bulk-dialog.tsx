import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  Text,
} from '@fluentui/react-components';
import { Spinner } from '../../../components/spinner';
import { bulkActionVerbs, type BulkTokenSelection } from '@latchkey/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ItemList } from './bulk-item-list';
import { bulkActionTitles } from '../utils/bulk-action-titles';
import { DialogFrame } from '../../../components/dialog-frame';
import { ErrorPanel } from '../../../components/error-panel';
import { invalidateRegistry } from '../../../lib/queries/invalidate-registry';
import type { RegistryParams } from '../../../lib/registry-ref';
import {
  cancelBulk,
  revealBulkPasswords,
  startBulk,
  useBulkJob,
  useBulkPreview,
} from '../api/bulk';

const useStyles = makeStyles({
  surface: { maxWidth: '52rem' },
});

/**
 * A bulk action in one dialog: the preview of exactly what changes (skipped
 * tokens and why, a sync token's blast radius), a typed confirmation, then
 * progress with a per-token outcome list and Cancel. New passwords are
 * revealed once, as one file to download, which the person confirms saving.
 */
export function BulkDialog({
  registry,
  body,
  onClose,
}: {
  registry: RegistryParams;
  body: BulkTokenSelection;
  onClose: () => void;
}) {
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | undefined>();
  const [typed, setTyped] = useState('');
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [revealed, setRevealed] = useState<{ fileName: string; count: number } | undefined>();
  const [saved, setSaved] = useState(false);
  const preview = useBulkPreview(registry, body, jobId === undefined);
  const job = useBulkJob(registry, jobId);
  const finished = !!job.data?.finishedAt;

  useEffect(() => {
    if (finished) void invalidateRegistry(queryClient, registry);
  }, [finished, queryClient, registry]);

  const confirmation = preview.data?.confirmation ?? '';
  const matches = confirmation !== '' && typed.trim().toLowerCase() === confirmation;
  const start = async () => {
    setStarting(true);
    setError(undefined);
    try {
      const started = await startBulk(registry, { ...body, confirm: typed.trim() });
      setJobId(started.id);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  };
  const download = async () => {
    setError(undefined);
    try {
      const secrets = await revealBulkPasswords(registry, jobId!);
      // The file is made in the browser from the one answer: no URL carries the passwords.
      const url = URL.createObjectURL(new Blob([secrets.csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = secrets.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 0);
      setRevealed({ fileName: secrets.fileName, count: secrets.passwords.length });
    } catch (e) {
      setError(e);
    }
  };
  const mustSave = job.data?.passwords === 'ready' || (revealed !== undefined && !saved);
  const running = jobId !== undefined && !finished;
  const title = bulkActionTitles[body.action];
  const progress = job.data?.progress;

  return (
    <DialogFrame
      title={title}
      modalType="alert"
      // Not while the action runs, nor before the new passwords are saved.
      onDismiss={!running && !mustSave ? onClose : undefined}
      surfaceClassName={styles.surface}
      actions={
        jobId === undefined ? (
          <>
            <Button
              appearance="primary"
              disabled={!matches || starting}
              onClick={() => void start()}
            >
              {starting ? 'Starting…' : 'Start'}
            </Button>
            <Button onClick={onClose}>Close</Button>
          </>
        ) : running ? (
          <Button
            disabled={job.data?.state === 'cancelling'}
            onClick={() =>
              void cancelBulk(registry, jobId).then(
                () => job.refetch(),
                (e: unknown) => setError(e),
              )
            }
          >
            Cancel the rest
          </Button>
        ) : (
          <Button appearance="primary" disabled={mustSave} onClick={onClose}>
            Close
          </Button>
        )
      }
    >
      {jobId === undefined ? (
        preview.isPending ? (
          <Spinner label="Working out what would change…" />
        ) : preview.isError ? (
          <ErrorPanel error={preview.error} onRetry={() => void preview.refetch()} />
        ) : (
          <>
            <Text role="status">
              {preview.data.counts.willChange.toLocaleString()} of{' '}
              {preview.data.counts.total.toLocaleString()} tokens will change;{' '}
              {preview.data.counts.skipped.toLocaleString()} skipped
              {body.selection === 'all-matching'
                ? ` (all tokens matching: ${body.filter ?? 'no filter'})`
                : ''}
              .
            </Text>
            {preview.data.notes.map((n) => (
              <MessageBar key={n} intent="warning" layout="multiline">
                <MessageBarBody>{n}</MessageBarBody>
              </MessageBar>
            ))}
            <ItemList items={preview.data.items} label="What will change" />
            {confirmation ? (
              <Field
                label={`Type "${confirmation}" to confirm`}
                required
                validationState={matches ? 'success' : 'none'}
                validationMessage={matches ? 'Matches.' : undefined}
              >
                <Input
                  value={typed}
                  onChange={(_e, d) => setTyped(d.value)}
                  autoComplete="off"
                  spellCheck={false}
                />
              </Field>
            ) : (
              <Text>Nothing to change: every chosen token is skipped.</Text>
            )}
          </>
        )
      ) : !job.data ? (
        job.isError ? (
          <ErrorPanel error={job.error} />
        ) : (
          <Spinner label="Starting…" />
        )
      ) : (
        <>
          <Field
            label={
              finished
                ? job.data.state === 'cancelled'
                  ? 'Cancelled'
                  : 'Finished'
                : job.data.state === 'cancelling'
                  ? 'Cancelling: stopping before the next token'
                  : `Working: ${bulkActionVerbs[body.action]} tokens, four at a time`
            }
            validationState="none"
          >
            <ProgressBar
              value={
                progress && progress.total > 0
                  ? (progress.total - progress.pending) / progress.total
                  : 0
              }
            />
          </Field>
          <Text role="status" aria-live="polite">
            {progress
              ? `${progress.done.toLocaleString()} done, ${progress.failed.toLocaleString()} failed, ${progress.skipped.toLocaleString()} skipped, ${progress.cancelled.toLocaleString()} cancelled, ${progress.pending.toLocaleString()} to go.`
              : ''}
          </Text>
          <ItemList items={job.data.items} label="Outcome per token" />
          {finished && body.action === 'generate-passwords' && job.data.passwords !== 'none' ? (
            revealed ? (
              <>
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    {revealed.count} new passwords were downloaded as {revealed.fileName}. Latchkey
                    keeps no copy: this was the only time they could be shown.
                  </MessageBarBody>
                </MessageBar>
                <Checkbox
                  checked={saved}
                  onChange={(_e, d) => setSaved(!!d.checked)}
                  label="I saved the file somewhere safe"
                />
              </>
            ) : job.data.passwords === 'ready' ? (
              <>
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    The new passwords are shown once, as one file. Download it now and keep it safe:
                    Latchkey does not store them.
                  </MessageBarBody>
                </MessageBar>
                <Button appearance="primary" onClick={() => void download()}>
                  Download the new passwords
                </Button>
              </>
            ) : (
              <Text>The passwords are no longer available ({job.data.passwords}).</Text>
            )
          ) : null}
        </>
      )}
      {error ? <ErrorPanel error={error} /> : null}
    </DialogFrame>
  );
}
