import { Link } from '@fluentui/react-components';
import { useRouter } from '@tanstack/react-router';
import type { MouseEvent, ReactNode } from 'react';

/**
 * A link to an in-app path built as a string (with its query), e.g. a
 * finding's fix link: a real href (opens in a new tab, reads as a link) that
 * navigates in-app on a plain click.
 */
export function HrefLink({
  href,
  children,
  'aria-label': ariaLabel,
}: {
  href: string;
  children: ReactNode;
  'aria-label'?: string;
}) {
  const router = useRouter();
  const follow = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
      return;
    e.preventDefault();
    router.history.push(href);
  };
  return (
    <Link href={href} onClick={follow} aria-label={ariaLabel}>
      {children}
    </Link>
  );
}
