import { KeyReset20Regular } from '@fluentui/react-icons';
import type { TokenView } from '@latchkey/domain';
import { Suspense } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { slotLabel } from '../../../components/password-slots';
import { keepFocusOnPage } from '../../../lib/focus';
import { lazyNamed } from '../../../lib/lazy-named';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useRevealOnceFlow } from '../../../lib/use-reveal-once-flow';
import { useGeneratePassword } from '../api/generate-password';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

// The form (slot radios, expiry, its warnings) loads when it first opens, the
// reveal-once dialog when a password comes back: neither with the page.
const GeneratePasswordForm = lazyNamed(
  () => import('./generate-password-form'),
  'GeneratePasswordForm',
);
const RevealOnceDialog = lazyNamed(
  () => import('../../../components/reveal-once-dialog'),
  'RevealOnceDialog',
);

/** The "Generate password" button, its form, and the reveal-once dialog that follows. */
export function GeneratePasswordAction({
  registry,
  token,
  now,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  token: TokenView;
  now: number;
  /** Open the form on mount (a finding's fix link lands here). */
  defaultOpen?: boolean;
}) {
  const flow = useRevealOnceFlow(useGeneratePassword(registry, token.name), defaultOpen);
  const notify = useNotifySuccess();
  const result = flow.result;
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="credentials.generate"
        icon={<KeyReset20Regular />}
        {...restoreFocusTarget}
        onClick={flow.start}
      >
        Generate password
      </AzureGatedButton>
      {flow.form ? (
        <Suspense fallback={null}>
          <GeneratePasswordForm token={token} now={now} {...flow.form} />
        </Suspense>
      ) : null}
      {result ? (
        <Suspense fallback={null}>
          <RevealOnceDialog
            title={`New password for ${token.name}`}
            tokenName={token.name}
            credentials={result.credentials}
            steps={result.steps.length > 1 ? result.steps : []}
            onClose={() => {
              const slots = result.credentials.passwords.map((p) => slotLabel(p.name)).join(', ');
              flow.forget();
              keepFocusOnPage();
              notify(
                `${slots || 'Password'} of ${token.name} generated`,
                'It reaches the registry in about a minute.',
              );
            }}
          />
        </Suspense>
      ) : null}
    </>
  );
}
