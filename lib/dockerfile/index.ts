export { parseDockerfile, parseInstructionLine, sourceSpan } from './parse';
export type { Directive, EscapeChar, Flag, Instruction, ParseProblem, ParsedDockerfile, Segment } from './parse';
export { parseJsonArgs, type JsonArgs } from './json-array';
export { expandVariables, type Expansion } from './substitute';
export { splitWords, DOCKER_WHITESPACE, isGoSpace, goTrimSpace } from './go-text';
