export { parseDockerfile, parseInstructionLine, sourceSpan, splitLines, trimContinuationToken } from './parse';
export type { Directive, EscapeChar, Flag, Instruction, ParseProblem, ParsedDockerfile, Segment } from './parse';
export { parseJsonArgs, type JsonArgs } from './json-array';
export { expandVariables, type Expansion } from './substitute';
export { splitWords, DOCKER_WHITESPACE, isGoSpace, goTrimSpace } from './go-text';
export { readDockerfile, parseMount, KNOWN_INSTRUCTIONS, KNOWN_FLAGS } from './instructions';
export type {
  ArgCommand,
  Command,
  CopyCommand,
  Dockerfile,
  DockerfileError,
  EnvCommand,
  FromCommand,
  Mount,
  OnbuildCommand,
  RunCommand,
  Stage,
} from './instructions';
export type { Heredoc } from './parse';
export { heredocsFromLine, type HeredocStart } from './heredoc';
