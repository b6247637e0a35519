export function findChromium(): string | undefined;
export function ensureChromium(options?: { log?: (message: string) => void }): string;
export const chromiumArgs: string[];
