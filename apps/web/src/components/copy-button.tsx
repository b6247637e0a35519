import { Button, Tooltip } from '@fluentui/react-components';
import { Checkmark16Regular, Copy16Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { VisuallyHidden } from './visually-hidden';

/**
 * Copies a value (a login server, a resource id, a request id) to the
 * clipboard. Its accessible name says what it copies; after a click it says
 * "Copied" for a moment, also to screen readers (a polite live region).
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
      <Tooltip content={label} relationship="label" withArrow>
        <Button
          size="small"
          appearance="subtle"
          icon={state === 'copied' ? <Checkmark16Regular /> : <Copy16Regular />}
          onClick={copy}
        />
      </Tooltip>
      <span role="status">
        <VisuallyHidden>
          {state === 'copied' ? `Copied ${what}` : state === 'failed' ? 'Could not copy' : ''}
        </VisuallyHidden>
      </span>
    </>
  );
}
