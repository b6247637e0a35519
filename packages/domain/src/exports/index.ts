export * from './common';
export * from './findings';
export * from './tokens';
export * from './effective-access';
export * from './audit';
