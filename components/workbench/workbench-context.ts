'use client';

/**
 * The workbench's state, split by how often it changes, so a component
 * re-renders only for what it shows:
 * - actions: stable for the page's life (buttons, lesson code blocks);
 * - files: every keystroke (tabs, editor, toolbar's tag);
 * - jobs: every log line (console, toolbar, editor markers);
 * - coach: the linter's findings, on its own clock;
 * - busy: flips when a build or run starts or ends ("▶ Run this").
 */
import { createContext, useContext } from 'react';
import type { CoachReport } from '@/components/coach/use-coach';
import type { BuildCommand, RunCommand } from '@/lib/docker-cli';
import type { DoneEvent } from '@/lib/events';
import type { JobView } from './job-view';
import type { WorkspaceFile } from './workspace';

export type LineMarker = { line: number; message: string };
export type ConsoleTab = 'build' | 'run' | 'layers' | 'check';
/** A request to show a Dockerfile line in the editor; `nonce` makes the same line revealable twice. */
export type RevealRequest = { line: number; nonce: number };

export type FilesState = {
  files: WorkspaceFile[];
  active: string;
  tag: string;
  tagProblem?: string;
  contextProblems: string[];
  starterEdited: boolean;
  reveal?: RevealRequest;
  /** The last time a lesson example changed the Dockerfile: what the visible "Undo" restores. */
  undo?: { message: string; previous: string; placed: string };
};

export type JobsState = {
  buildJob?: JobView;
  runJob?: JobView;
  consoleTab: ConsoleTab;
  /** Failed-step and refused lines, from the server. */
  markers: LineMarker[];
  /** The tag of the last successful build: what Run starts. */
  runnableImage?: string;
};

export type CoachState = {
  /** The Dockerfile coach's findings for the current Dockerfile (undefined until the linter has loaded). */
  coach?: CoachReport;
  /** The coach rule whose explanation is open, if any. */
  ruleDoc?: string;
};

export type WorkbenchActions = {
  lesson: string;
  /** The current files, read at call time (for click handlers that must not re-render on typing). */
  currentFiles(): WorkspaceFile[];
  showRule(id: string | undefined): void;
  /** Opens the Dockerfile at this line (from the coach's list, the layer inspector…). */
  revealLine(line: number): void;
  setActive(path: string): void;
  setTag(tag: string): void;
  setConsoleTab(tab: ConsoleTab): void;
  updateFile(path: string, content: string): void;
  addFile(path: string): string | undefined;
  renameFile(from: string, to: string): string | undefined;
  /** Renames a folder: every file under it moves along (an error sentence, or undefined when done). */
  renameFolder(from: string, to: string): string | undefined;
  deleteFile(path: string): void;
  /** Deletes every file under the folder. */
  deleteFolder(path: string): void;
  resetToStarter(): void;
  /** Sets the Dockerfile to a lesson example's result (replaced or inserted), undoable with the visible Undo. */
  placeDockerfile(content: string, message: string): void;
  /** Puts the Dockerfile back as it was before the last placeDockerfile. */
  undoPlace(): void;
  build(tag?: string): Promise<DoneEvent | undefined>;
  /**
   * For "Check my work": the id of a finished build of the current files —
   * the last build when it succeeded with exactly these files, else a new build
   * (streamed in the console like Build). Undefined when the build was
   * cancelled or lost; throws with the server's message when it was refused.
   */
  ensureBuild(): Promise<string | undefined>;
  /** Replaces every file (e.g. with the lesson's solution). */
  replaceFiles(files: WorkspaceFile[]): void;
  runImage(opts?: {
    image?: string;
    command?: string[];
    env?: Record<string, string>;
    entrypoint?: string;
    user?: string;
    workdir?: string;
  }): Promise<DoneEvent | undefined>;
  /** What Ctrl/Cmd+Shift+Enter does: Run, when the Run button could (an image was built). */
  runIfBuilt(): void;
  stop(): void;
  /** Runs parsed lesson commands one after another, each shown in the console; stops at the first failure. */
  runCommands(commands: (BuildCommand | RunCommand)[]): Promise<void>;
  dockerfileEdited(): boolean;
};

export const ActionsContext = createContext<WorkbenchActions | null>(null);
export const FilesContext = createContext<FilesState | null>(null);
export const JobsContext = createContext<JobsState | null>(null);
export const CoachContext = createContext<CoachState | null>(null);
export const BusyContext = createContext(false);

function required<T>(value: T | null, name: string): T {
  if (!value) throw new Error(`${name} must be used inside <WorkbenchProvider>`);
  return value;
}

export const useWorkbenchActions = () => required(useContext(ActionsContext), 'useWorkbenchActions');
/** For components that may render outside a lesson (e.g. code blocks in other pages). */
export const useOptionalWorkbenchActions = () => useContext(ActionsContext);
export const useWorkbenchFiles = () => required(useContext(FilesContext), 'useWorkbenchFiles');
export const useWorkbenchJobs = () => required(useContext(JobsContext), 'useWorkbenchJobs');
export const useWorkbenchCoach = () => required(useContext(CoachContext), 'useWorkbenchCoach');
/** Whether a build or run is in progress; false outside a lesson. */
export const useWorkbenchBusy = () => useContext(BusyContext);
