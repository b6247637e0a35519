import { Button } from '@fluentui/react-components';
import { Checkmark16Regular, Copy16Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { VisuallyHidden } from './visually-hidden';

/**
 * Copies a value (a login server, a resource id, a request id) to the
 * clipboard. Its accessible name says what it copies; after a click it says
 * "Copied" for a moment, also to screen readers (a polite live region).
 * The label is `aria-label` plus a native `title`, not a Fluent Tooltip: the
 * Tooltip's positioning engine weighed on every first page that shows a copy button.
 */
export function CopyButton({ value, what }: { value: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(t);
  }, [state]);
  const copy = () => {
    navigator.clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  const label =
    state === 'copied' ? 'Copied' : state === 'failed' ? 'Could not copy' : `Copy ${what}`;
  return (
    <>
      <Button
        size="small"
        appearance="subtle"
        aria-label={label}
        title={label}
        icon={state === 'copied' ? <Checkmark16Regular /> : <Copy16Regular />}
        onClick={copy}
      />
      <span role="status">
        <VisuallyHidden>
          {state === 'copied' ? `Copied ${what}` : state === 'failed' ? 'Could not copy' : ''}
        </VisuallyHidden>
      </span>
    </>
  );
}
