import { Add20Regular } from '@fluentui/react-icons';
import type { RegistryOverview } from '@latchkey/domain';
import { useNavigate } from '@tanstack/react-router';
import { Suspense } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { keepFocusOnPage } from '../../../lib/focus';
import { lazyNamed } from '../../../lib/lazy-named';
import { useRevealOnceFlow } from '../../../lib/use-reveal-once-flow';
import type { RegistryParams } from '../../../lib/registry-ref';
import { stepsNeedAttention } from '../../../lib/steps';
import { useCreateToken } from '../api/create-token';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

// The form (its inputs, radio groups and the inline scope-map editor) loads
// when the button is first pressed.
const CreateTokenForm = lazyNamed(() => import('./create-token-form'), 'CreateTokenForm');
// The reveal-once dialog itself, not its wrapper (reveal-once-dialog.tsx): the wrapper is a
// chunk of its own (shared with the token page's actions), 1 KB gzip on this page's first load.
const RevealOnceDialog = lazyNamed(
  () => import('../../../components/reveal-once-dialog-frame'),
  'RevealOnceDialogFrame',
);

/** "Create token" on the tokens page: the form, then the first password revealed once. */
export function CreateTokenAction({
  registry,
  overview,
  now,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  now: number;
}) {
  const flow = useRevealOnceFlow(useCreateToken(registry));
  const notify = useNotifySuccess();
  const navigate = useNavigate();
  const result = flow.result;
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs={['tokens.write', 'credentials.generate']}
        appearance="primary"
        icon={<Add20Regular />}
        {...restoreFocusTarget}
        onClick={flow.start}
      >
        Create token
      </AzureGatedButton>
      {/* Only the form waits for its code: the button stays in place, with focus. */}
      {flow.form ? (
        <Suspense fallback={null}>
          <CreateTokenForm overview={overview} now={now} {...flow.form} />
        </Suspense>
      ) : null}
      {result ? (
        <Suspense fallback={null}>
          <RevealOnceDialog
            title={
              stepsNeedAttention(result.steps)
                ? `Token ${result.token.name}: not every step completed`
                : `Token ${result.token.name} created`
            }
            tokenName={result.token.name}
            credentials={result.credentials}
            steps={stepsNeedAttention(result.steps) ? result.steps : []}
            onClose={() => {
              const tokenName = result.token.name;
              flow.forget();
              notify(`Token ${tokenName} created`);
              void navigate({
                to: '/registries/$subscriptionId/$resourceGroup/$registryName/tokens/$tokenName',
                params: { ...registry, tokenName },
              }).then(() => keepFocusOnPage());
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
