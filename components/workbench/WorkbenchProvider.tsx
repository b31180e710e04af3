'use client';

/**
 * Owns the workbench state for one lesson — files, tag, the last build and
 * run — and the actions on it. The toolbar, editor, console and the lesson's
 * code blocks ("Open in editor", "Run this") all talk to it through
 * useWorkbench(), so a code block rendered on the server can drive the editor.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DOCKERFILE_PATH } from '@/lib/build-context';
import type { BuildCommand, RunCommand } from '@/lib/docker-cli';
import type { DoneEvent, JobKind } from '@/lib/events';
import { learnerTagProblem } from '@/lib/image-ref';
import { useCoach, type CoachReport } from '@/components/insight/use-coach';
import * as api from './api';
import { builtFingerprint, rememberBuilt } from './built-files';
import { failedLine, isActive, newJobView, refuse, type JobView } from './job-view';
import { useJobStreams } from './use-job-streams';
import { useWorkspaceAutosave } from './use-workspace-autosave';
import { contextProblems, fileNameProblem, filesFingerprint, sameFiles, type InitialWorkspace, type WorkspaceFile } from './workspace';

export type LineMarker = { line: number; message: string };
export type ConsoleTab = 'build' | 'run' | 'layers' | 'check';
/** A request to show a Dockerfile line in the editor; `nonce` makes the same line revealable twice. */
export type RevealRequest = { line: number; nonce: number };

export type WorkbenchApi = {
  lesson: string;
  files: WorkspaceFile[];
  active: string;
  tag: string;
  tagProblem?: string;
  contextProblems: string[];
  buildJob?: JobView;
  runJob?: JobView;
  consoleTab: ConsoleTab;
  markers: LineMarker[];
  /** The Dockerfile coach's findings for the current Dockerfile (undefined until the linter has loaded). */
  coach?: CoachReport;
  /** The coach rule whose explanation is open, if any. */
  ruleDoc?: string;
  showRule(id: string | undefined): void;
  reveal?: RevealRequest;
  /** Opens the Dockerfile at this line (from the coach's list, the layer inspector…). */
  revealLine(line: number): void;
  /** The tag of the last successful build: what Run starts. */
  runnableImage?: string;
  starterEdited: boolean;
  setActive(path: string): void;
  setTag(tag: string): void;
  setConsoleTab(tab: ConsoleTab): void;
  updateFile(path: string, content: string): void;
  addFile(path: string): string | undefined;
  renameFile(from: string, to: string): string | undefined;
  deleteFile(path: string): void;
  resetToStarter(): void;
  /** Replaces the Dockerfile and shows it. */
  openDockerfile(content: string): void;
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
  runImage(opts?: { image?: string; command?: string[]; env?: Record<string, string>; entrypoint?: string; user?: string; workdir?: string }): Promise<DoneEvent | undefined>;
  stop(): void;
  /** Runs parsed lesson commands one after another, each shown in the console; stops at the first failure. */
  runCommands(commands: (BuildCommand | RunCommand)[]): Promise<void>;
  dockerfileEdited(): boolean;
};

const Context = createContext<WorkbenchApi | null>(null);

export function useWorkbench(): WorkbenchApi {
  const value = useContext(Context);
  if (!value) throw new Error('useWorkbench must be used inside <WorkbenchProvider>');
  return value;
}

/** For components that may render outside a lesson (e.g. code blocks in other pages). */
export function useOptionalWorkbench(): WorkbenchApi | null {
  return useContext(Context);
}

type Started = { id?: string; done?: DoneEvent; refusal?: api.ApiError };

type Props = {
  lesson: string;
  starter: { files: WorkspaceFile[]; tag: string; open: string };
  saved?: InitialWorkspace;
  children: ReactNode;
};

export function WorkbenchProvider({ lesson, starter, saved, children }: Props) {
  const initialFiles = saved && saved.files.length > 0 ? saved.files : starter.files;
  const [files, setFiles] = useState<WorkspaceFile[]>(initialFiles);
  const [tag, setTagState] = useState<string>(saved?.tag || starter.tag);
  const [active, setActiveState] = useState<string>(
    initialFiles.some((f) => f.path === starter.open) ? starter.open : initialFiles[0]?.path ?? DOCKERFILE_PATH,
  );
  const [build, setBuild] = useState<JobView>();
  const [run, setRun] = useState<JobView>();
  const [consoleTab, setConsoleTab] = useState<ConsoleTab>('build');
  const [refusedMarkers, setRefusedMarkers] = useState<LineMarker[]>([]);
  const [ruleDoc, setRuleDoc] = useState<string>();
  const [reveal, setReveal] = useState<RevealRequest>();
  const coach = useCoach(files.find((f) => f.path === DOCKERFILE_PATH)?.content);

  const latest = useRef({ files, tag, build, run });
  latest.current = { files, tag, build, run };
  const { attach, waitFor, closeAll } = useJobStreams(setBuild, setRun);

  // Reattach to the last build and run after a reload; a build still running continues live.
  useEffect(() => {
    if (saved?.lastBuildId) {
      setBuild({ ...newJobView('build', 'Last build'), id: saved.lastBuildId });
      attach('build', saved.lastBuildId);
    }
    if (saved?.lastRunId) {
      setRun({ ...newJobView('run', 'Last run'), id: saved.lastRunId });
      attach('run', saved.lastRunId);
    }
    if (saved?.lastRunId && !saved.lastBuildId) setConsoleTab('run');
    return closeAll;
  }, [attach, closeAll, saved?.lastBuildId, saved?.lastRunId]);

  useWorkspaceAutosave(lesson, files, tag, { files: initialFiles, tag: saved?.tag || starter.tag });

  const startJob = useCallback(
    async (
      kind: JobKind,
      title: string,
      request: () => Promise<api.Result<{ id: string }>>,
      onStarted?: (id: string) => void,
    ): Promise<Started> => {
      const set = kind === 'build' ? setBuild : setRun;
      const pending = newJobView(kind, title);
      set(pending);
      setConsoleTab(kind);
      const result = await request();
      if (!result.ok) {
        set((view) => (view === pending ? refuse(view, result.error) : view));
        return { refusal: result.error };
      }
      const id = result.data.id;
      onStarted?.(id);
      const done = waitFor(id);
      set((view) => (view === pending ? { ...view, id } : view));
      attach(kind, id);
      const finished = await done;
      // The waiter settles before React renders the finished view: mark it finished now, so a
      // next command started right away ("Run this" with two `docker run` lines) is not refused as busy.
      const shown = latest.current[kind];
      if (finished && shown && (shown.id ?? id) === id) latest.current = { ...latest.current, [kind]: { ...shown, phase: 'done', done: finished } };
      return { id, done: finished };
    },
    [attach, waitFor],
  );

  const startBuild = useCallback(
    async (tagOverride?: string): Promise<Started | undefined> => {
      const { files } = latest.current;
      const useTag = tagOverride ?? latest.current.tag;
      if (tagOverride !== undefined) setTagState(tagOverride);
      if (isActive(latest.current.build)) return undefined;
      setRefusedMarkers([]);
      const fingerprint = filesFingerprint(files);
      return startJob('build', `docker build -t ${useTag} .`, () => api.startBuild({ files, tag: useTag, lesson }), (id) =>
        rememberBuilt(id, fingerprint),
      );
    },
    [lesson, startJob],
  );

  const doBuild = useCallback(async (tagOverride?: string) => (await startBuild(tagOverride))?.done, [startBuild]);

  const ensureBuild = useCallback(async (): Promise<string | undefined> => {
    // A build in progress (Build pressed just before) is waited for, then judged like any other.
    // (The done event comes from the waiter: state updates may not have rendered yet.)
    const last = latest.current.build;
    const done = last?.id && isActive(last) ? await waitFor(last.id) : last?.done;
    const fingerprint = filesFingerprint(latest.current.files);
    if (last?.id && done?.state === 'succeeded' && builtFingerprint(last.id) === fingerprint) return last.id;
    const started = await startBuild();
    if (!started) return undefined;
    if (started.refusal) throw new Error(started.refusal.message);
    return started.done ? started.id : undefined;
  }, [startBuild, waitFor]);

  // 422 dockerfile_refused: mark the lines the policy named.
  useEffect(() => {
    const issues = build?.refusal?.error === 'dockerfile_refused' ? build.refusal.issues ?? [] : [];
    setRefusedMarkers(issues.filter((i) => typeof i.line === 'number').map((i) => ({ line: i.line!, message: i.message })));
  }, [build?.refusal]);

  const runnableImage = build?.done?.state === 'succeeded' ? build.done.tag ?? tag : undefined;

  const doRun = useCallback<WorkbenchApi['runImage']>(
    async (opts = {}) => {
      const image = opts.image ?? (latest.current.build?.done?.state === 'succeeded' ? latest.current.build.done.tag : undefined) ?? latest.current.tag;
      if (isActive(latest.current.run)) return undefined;
      const shown = [
        'docker run',
        ...Object.entries(opts.env ?? {}).map(([k, v]) => `-e ${k}=${v}`),
        ...(opts.entrypoint !== undefined ? [`--entrypoint ${opts.entrypoint}`] : []),
        ...(opts.user !== undefined ? [`--user ${opts.user}`] : []),
        ...(opts.workdir !== undefined ? [`-w ${opts.workdir}`] : []),
        image,
        ...(opts.command ?? []),
      ].join(' ');
      const started = await startJob('run', shown, () =>
        api.startRun({
          image,
          lesson,
          ...(opts.command?.length ? { command: opts.command } : {}),
          ...(opts.env && Object.keys(opts.env).length ? { env: opts.env } : {}),
          ...(opts.entrypoint !== undefined && { entrypoint: opts.entrypoint }),
          ...(opts.user !== undefined && { user: opts.user }),
          ...(opts.workdir !== undefined && { workdir: opts.workdir }),
        }),
      );
      return started.done;
    },
    [lesson, startJob],
  );

  const stop = useCallback(() => {
    for (const kind of ['run', 'build'] as const) {
      const view = latest.current[kind];
      if (view?.id && isActive(view)) void api.cancelJob(kind, view.id);
    }
  }, []);

  const runCommands = useCallback(
    async (commands: (BuildCommand | RunCommand)[]) => {
      for (const c of commands) {
        if (c.kind === 'build') {
          const done = await doBuild(c.tag ?? latest.current.tag);
          if (done?.state !== 'succeeded') return;
        } else if (c.kind === 'run') {
          const done = await doRun({ image: c.image, command: c.command, env: c.env, entrypoint: c.entrypoint, user: c.user, workdir: c.workdir });
          if (done?.state !== 'succeeded') return;
        }
      }
    },
    [doBuild, doRun],
  );

  const starterDockerfile = starter.files.find((f) => f.path === DOCKERFILE_PATH)?.content;

  const value = useMemo<WorkbenchApi>(() => {
    const failure = failedLine(build);
    const markers = failure ? [failure, ...refusedMarkers] : refusedMarkers;
    return {
      lesson,
      files,
      active,
      tag,
      tagProblem: learnerTagProblem(tag),
      contextProblems: contextProblems(files),
      buildJob: build,
      runJob: run,
      consoleTab,
      markers,
      coach,
      ruleDoc,
      showRule: setRuleDoc,
      reveal,
      revealLine(line) {
        setActiveState(DOCKERFILE_PATH);
        setReveal((r) => ({ line, nonce: (r?.nonce ?? 0) + 1 }));
      },
      runnableImage,
      starterEdited: !sameFiles(files, starter.files),
      setActive: setActiveState,
      setTag: setTagState,
      setConsoleTab,
      updateFile(path, content) {
        setFiles((fs) => fs.map((f) => (f.path === path ? { ...f, content } : f)));
      },
      addFile(path) {
        const problem = fileNameProblem(latest.current.files, path);
        if (problem) return problem;
        setFiles((fs) => [...fs, { path, content: '' }]);
        setActiveState(path);
        return undefined;
      },
      renameFile(from, to) {
        if (from === to) return undefined;
        const problem = fileNameProblem(latest.current.files, to, from);
        if (problem) return problem;
        setFiles((fs) => fs.map((f) => (f.path === from ? { ...f, path: to } : f)));
        setActiveState((a) => (a === from ? to : a));
        return undefined;
      },
      deleteFile(path) {
        const remaining = latest.current.files.filter((f) => f.path !== path);
        setFiles(remaining);
        setActiveState((a) => (a === path ? remaining[0]?.path ?? '' : a));
      },
      resetToStarter() {
        setFiles(starter.files);
        setTagState(starter.tag);
        setActiveState(starter.open);
      },
      openDockerfile(content) {
        setFiles((fs) =>
          fs.some((f) => f.path === DOCKERFILE_PATH)
            ? fs.map((f) => (f.path === DOCKERFILE_PATH ? { ...f, content } : f))
            : [{ path: DOCKERFILE_PATH, content }, ...fs],
        );
        setActiveState(DOCKERFILE_PATH);
      },
      replaceFiles(next) {
        setFiles(next);
        setActiveState((a) => (next.some((f) => f.path === a) ? a : next.find((f) => f.path === DOCKERFILE_PATH)?.path ?? next[0]?.path ?? ''));
      },
      build: doBuild,
      ensureBuild,
      runImage: doRun,
      stop,
      runCommands,
      dockerfileEdited() {
        const current = latest.current.files.find((f) => f.path === DOCKERFILE_PATH)?.content;
        return current !== undefined && current.trim() !== '' && current !== starterDockerfile;
      },
    };
  }, [lesson, files, active, tag, build, run, consoleTab, refusedMarkers, coach, ruleDoc, reveal, runnableImage, starter, starterDockerfile, doBuild, ensureBuild, doRun, stop, runCommands]);

  return <Context.Provider value={value}>{children}</Context.Provider>;
}
