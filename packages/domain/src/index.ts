export * from './errors';
export * from './permissions';
export * from './arm-ids';
export * from './passwords';
export * from './dto';
export * from './token-kind';
export * from './api';
export * from './names';
