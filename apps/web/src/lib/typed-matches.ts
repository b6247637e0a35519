/**
 * A typed confirmation confirms when the text equals the expected name exactly
 * (surrounding spaces ignored; case differences are not a match, as Azure names
 * are shown). Apart from typed-confirmation.tsx so the pages that only decide
 * what a confirmation needs do not load its Field and Input.
 */
export const typedMatches = (typed: string, expected: string) => typed.trim() === expected;
