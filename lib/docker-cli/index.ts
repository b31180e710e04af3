export * from './parse';
export * from './complete';
export { tokenize } from './tokenize';
export { COMMANDS, supportedSummary, type CommandName } from './spec';
