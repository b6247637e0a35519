import { ProgressBar } from '@fluentui/react-components';

/** ReadProgress's bar (read-progress.tsx), loaded the first time a cold read shows one. */
export function ReadProgressBar({
  noun,
  describedBy,
  value,
}: {
  noun: string;
  describedBy: string;
  /** 0–1, or undefined: the bar moves without a value. */
  value: number | undefined;
}) {
  return (
    <ProgressBar
      aria-label={`Reading ${noun} from Azure`}
      aria-describedby={describedBy}
      thickness="large"
      {...(value !== undefined ? { value, max: 1 } : {})}
    />
  );
}
