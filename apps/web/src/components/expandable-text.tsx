import { Button, makeStyles, mergeClasses, tokens, Tooltip } from '@fluentui/react-components';
import { useLayoutEffect, useRef, useState } from 'react';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', minWidth: 0 },
  clamp: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
  more: { minWidth: 0, height: 'auto', padding: 0, fontSize: tokens.fontSizeBase200 },
  full: { maxWidth: '32rem', whiteSpace: 'pre-line', overflowWrap: 'anywhere' },
});

/**
 * Long text in a fixed-height grid cell: two lines, and when it does not fit,
 * a "Show all" button whose tooltip holds the whole text. The button is a tab
 * stop, so the text opens on focus as well as on hover, and it is the
 * button's description for screen readers (unlike a title on a cut-off span).
 */
export function ExpandableText({
  text,
  what,
  className,
}: {
  text: string;
  /** What the text is, for the button's name: "granted by, for north-build-agent". */
  what: string;
  className?: string;
}) {
  const styles = useStyles();
  const ref = useRef<HTMLSpanElement>(null);
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setCut(el.scrollHeight > el.clientHeight + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [text]);
  return (
    <span className={styles.root}>
      <span ref={ref} className={mergeClasses(styles.clamp, className)}>
        {text}
      </span>
      {cut ? (
        <Tooltip
          content={{ children: text, className: styles.full }}
          relationship="description"
          positioning="below-start"
          withArrow
        >
          <Button
            appearance="transparent"
            size="small"
            className={styles.more}
            aria-label={`Show all: ${what}`}
          >
            Show all
          </Button>
        </Tooltip>
      ) : null}
    </span>
  );
}
