import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { VerificationMessage } from '../utils/verification-message';

/** The chain's verdict as a Fluent MessageBar (its own chunk: loaded when "Verify" is pressed). */
export function VerifyChainMessage({ message }: { message: VerificationMessage }) {
  return (
    <MessageBar intent={message.intent} layout="multiline">
      <MessageBarBody>{message.text}</MessageBarBody>
    </MessageBar>
  );
}
