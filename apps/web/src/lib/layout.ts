/**
 * The shell's header height. The header and the side navigation stick to the
 * top of the window; anything else that sticks (the hierarchy's detail panel)
 * sits just below the header, and rows scrolled into view stop under it.
 */
export const stickyTop = { px: 48, css: '48px' } as const;
