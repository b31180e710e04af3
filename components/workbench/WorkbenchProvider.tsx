'use client';

/**
 * Owns the workbench state for one lesson — files, tag, the last build and
 * run, the coach — and the actions on it. The toolbar, editor, console and the
 * lesson's code blocks ("Open in editor", "Run this") read it through the small
 * contexts of workbench-context.ts, so a keystroke re-renders the editor's
 * readers only and a log line the console's, never the lesson text.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useCoach } from '@/components/coach/use-coach';
import { learnerApi, settle, type ApiError } from '@/lib/api-client';
import { DOCKERFILE_PATH } from '@/lib/build-context';
import type { DoneEvent, JobKind } from '@/lib/events';
import { learnerTagProblem } from '@/lib/image-ref';
import { builtFingerprint, rememberBuilt } from './built-files';
import { failedLine, isActive, newJobView, refuse, type JobView } from './job-view';
import { useJobStreams } from './use-job-streams';
import { useWorkspaceAutosave } from './use-workspace-autosave';
import {
  ActionsContext,
  BusyContext,
  CoachContext,
  FilesContext,
  JobsContext,
  type CoachState,
  type ConsoleTab,
  type FilesState,
  type JobsState,
  type LineMarker,
  type RevealRequest,
  type WorkbenchActions,
} from './workbench-context';
import {
  contextProblems,
  fileNameProblem,
  filesFingerprint,
  folderNameProblem,
  isInFolder,
  renameFolderIn,
  sameFiles,
  type InitialWorkspace,
  type WorkspaceFile,
} from './workspace';

export * from './workbench-context';

type Started = { id?: string; done?: DoneEvent; refusal?: ApiError };

type Props = {
  lesson: string;
  starter: { files: WorkspaceFile[]; tag: string; open: string };
  /** Coach rules the lesson switches off (frontmatter `coach.off`). */
  coachOff?: string[];
  saved?: InitialWorkspace;
  children: ReactNode;
};

export function WorkbenchProvider({ lesson, starter, coachOff, saved, children }: Props) {
  const initialFiles = saved && saved.files.length > 0 ? saved.files : starter.files;
  const [files, setFiles] = useState<WorkspaceFile[]>(initialFiles);
  const [tag, setTag] = useState<string>(saved?.tag || starter.tag);
  const [active, setActive] = useState<string>(
    initialFiles.some((f) => f.path === starter.open) ? starter.open : (initialFiles[0]?.path ?? DOCKERFILE_PATH),
  );
  const [build, setBuild] = useState<JobView>();
  const [run, setRun] = useState<JobView>();
  const [consoleTab, setConsoleTab] = useState<ConsoleTab>('build');
  const [refusedMarkers, setRefusedMarkers] = useState<LineMarker[]>([]);
  const [ruleDoc, setRuleDoc] = useState<string>();
  const [reveal, setReveal] = useState<RevealRequest>();
  const [undo, setUndo] = useState<FilesState['undo']>();
  const coach = useCoach(files.find((f) => f.path === DOCKERFILE_PATH)?.content, coachOff);

  // The actions read the latest state through this ref, so they never change identity.
  const latest = useRef({ files, tag, build, run, lesson, starter, undo });
  latest.current = { files, tag, build, run, lesson, starter, undo };
  const { attach, waitFor, closeAll } = useJobStreams(setBuild, setRun);

  // Reattach to the last build and run after a reload; a job still running continues live.
  const restoring = useRef<Partial<Record<JobKind, string>>>({});
  useEffect(() => {
    if (saved?.lastBuildId) {
      restoring.current.build = saved.lastBuildId;
      setBuild({ ...newJobView('build', 'Last build'), id: saved.lastBuildId });
      attach('build', saved.lastBuildId);
    }
    if (saved?.lastRunId) {
      restoring.current.run = saved.lastRunId;
      setRun({ ...newJobView('run', 'Last run'), id: saved.lastRunId });
      attach('run', saved.lastRunId);
    }
    if (saved?.lastRunId && !saved.lastBuildId) setConsoleTab('run');
    return closeAll;
  }, [attach, closeAll, saved?.lastBuildId, saved?.lastRunId]);

  // A reload during a build or run opens the console on the job that is still live.
  useEffect(() => {
    for (const [kind, view] of [
      ['run', run],
      ['build', build],
    ] as const) {
      if (view?.id && view.id === restoring.current[kind] && view.phase !== 'starting') {
        restoring.current[kind] = undefined;
        if (view.phase === 'queued' || view.phase === 'running') setConsoleTab(kind);
      }
    }
  }, [build, run]);

  useWorkspaceAutosave(lesson, files, tag, { files: initialFiles, tag: saved?.tag || starter.tag });

  // 422 dockerfile_refused: mark the lines the policy named.
  useEffect(() => {
    const issues = build?.refusal?.code === 'dockerfile_refused' ? (build.refusal.issues ?? []) : [];
    setRefusedMarkers(issues.filter((i) => typeof i.line === 'number').map((i) => ({ line: i.line!, message: i.message })));
  }, [build?.refusal]);

  const startJob = useCallback(
    async (kind: JobKind, title: string, request: () => Promise<{ id: string }>, onStarted?: (id: string) => void): Promise<Started> => {
      const set = kind === 'build' ? setBuild : setRun;
      const pending = newJobView(kind, title);
      set(pending);
      setConsoleTab(kind);
      const result = await settle(request());
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
      if (finished && shown && (shown.id ?? id) === id)
        latest.current = { ...latest.current, [kind]: { ...shown, phase: 'done', done: finished } };
      return { id, done: finished };
    },
    [attach, waitFor],
  );

  const actions = useMemo<WorkbenchActions>(() => {
    const startBuild = async (tagOverride?: string): Promise<Started | undefined> => {
      const { files, lesson } = latest.current;
      const useTag = tagOverride ?? latest.current.tag;
      if (tagOverride !== undefined) setTag(tagOverride);
      if (isActive(latest.current.build)) return undefined;
      setRefusedMarkers([]);
      const fingerprint = filesFingerprint(files);
      return startJob(
        'build',
        `docker build -t ${useTag} .`,
        () => learnerApi.startBuild({ files, tag: useTag, lesson }),
        (id) => rememberBuilt(id, fingerprint),
      );
    };
    const doBuild = async (tagOverride?: string) => (await startBuild(tagOverride))?.done;
    const runImage: WorkbenchActions['runImage'] = async (opts = {}) => {
      const { build, run, tag, lesson } = latest.current;
      const image = opts.image ?? (build?.done?.state === 'succeeded' ? build.done.tag : undefined) ?? tag;
      if (isActive(run)) return undefined;
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
        learnerApi.startRun({
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
    };
    const setDockerfile = (content: string) => {
      setFiles((fs) =>
        fs.some((f) => f.path === DOCKERFILE_PATH)
          ? fs.map((f) => (f.path === DOCKERFILE_PATH ? { ...f, content } : f))
          : [{ path: DOCKERFILE_PATH, content }, ...fs],
      );
      setActive(DOCKERFILE_PATH);
    };

    return {
      get lesson() {
        return latest.current.lesson;
      },
      currentFiles: () => latest.current.files,
      showRule: setRuleDoc,
      revealLine(line) {
        setActive(DOCKERFILE_PATH);
        setReveal((r) => ({ line, nonce: (r?.nonce ?? 0) + 1 }));
      },
      setActive,
      setTag,
      setConsoleTab,
      updateFile(path, content) {
        setFiles((fs) => fs.map((f) => (f.path === path ? { ...f, content } : f)));
        // Typing after an example was placed: Undo would now throw the typing away (Ctrl+Z still steps back).
        if (path === DOCKERFILE_PATH) setUndo((u) => (u && u.placed !== content ? undefined : u));
      },
      addFile(path) {
        const problem = fileNameProblem(latest.current.files, path);
        if (problem) return problem;
        setFiles((fs) => [...fs, { path, content: '' }]);
        setActive(path);
        return undefined;
      },
      renameFile(from, to) {
        if (from === to) return undefined;
        const problem = fileNameProblem(latest.current.files, to, from);
        if (problem) return problem;
        setFiles((fs) => fs.map((f) => (f.path === from ? { ...f, path: to } : f)));
        setActive((a) => (a === from ? to : a));
        return undefined;
      },
      renameFolder(from, to) {
        if (from === to) return undefined;
        const problem = folderNameProblem(latest.current.files, from, to);
        if (problem) return problem;
        setFiles((fs) => renameFolderIn(fs, from, to));
        setActive((a) => (isInFolder(a, from) ? to + a.slice(from.length) : a));
        return undefined;
      },
      deleteFile(path) {
        const remaining = latest.current.files.filter((f) => f.path !== path);
        setFiles(remaining);
        setActive((a) => (a === path ? (remaining[0]?.path ?? '') : a));
      },
      deleteFolder(path) {
        const remaining = latest.current.files.filter((f) => !isInFolder(f.path, path));
        setFiles(remaining);
        setActive((a) => (isInFolder(a, path) ? ((remaining.find((f) => f.path === DOCKERFILE_PATH) ?? remaining[0])?.path ?? '') : a));
      },
      resetToStarter() {
        const { starter } = latest.current;
        setFiles(starter.files);
        setTag(starter.tag);
        setActive(starter.open);
      },
      placeDockerfile(content, message) {
        const previous = latest.current.files.find((f) => f.path === DOCKERFILE_PATH)?.content ?? '';
        setDockerfile(content);
        setUndo({ message, previous, placed: content });
      },
      undoPlace() {
        const { undo } = latest.current;
        if (undo) setDockerfile(undo.previous);
        setUndo(undefined);
      },
      replaceFiles(next) {
        setFiles(next);
        setActive((a) =>
          next.some((f) => f.path === a) ? a : (next.find((f) => f.path === DOCKERFILE_PATH)?.path ?? next[0]?.path ?? ''),
        );
      },
      build: doBuild,
      async ensureBuild() {
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
      },
      runImage,
      runIfBuilt() {
        if (latest.current.build?.done?.state === 'succeeded') void runImage();
      },
      stop() {
        for (const kind of ['run', 'build'] as const) {
          const view = latest.current[kind];
          if (view?.id && isActive(view)) learnerApi.cancelJob(kind, view.id).catch(() => undefined);
        }
      },
      async runCommands(commands) {
        for (const c of commands) {
          if (c.kind === 'build') {
            const done = await doBuild(c.tag ?? latest.current.tag);
            if (done?.state !== 'succeeded') return;
          } else if (c.kind === 'run') {
            const done = await runImage({
              image: c.image,
              command: c.command,
              env: c.env,
              entrypoint: c.entrypoint,
              user: c.user,
              workdir: c.workdir,
            });
            if (done?.state !== 'succeeded') return;
          }
        }
      },
      dockerfileEdited() {
        const { files, starter } = latest.current;
        const current = files.find((f) => f.path === DOCKERFILE_PATH)?.content;
        const original = starter.files.find((f) => f.path === DOCKERFILE_PATH)?.content;
        return current !== undefined && current.trim() !== '' && current !== original;
      },
    };
  }, [startJob, waitFor]);

  const filesState = useMemo<FilesState>(
    () => ({
      files,
      active,
      tag,
      tagProblem: learnerTagProblem(tag),
      contextProblems: contextProblems(files),
      starterEdited: !sameFiles(files, starter.files),
      reveal,
      undo,
    }),
    [files, active, tag, reveal, undo, starter.files],
  );

  const runnableImage = build?.done?.state === 'succeeded' ? (build.done.tag ?? tag) : undefined;
  const jobsState = useMemo<JobsState>(() => {
    const failure = failedLine(build);
    return { buildJob: build, runJob: run, consoleTab, markers: failure ? [failure, ...refusedMarkers] : refusedMarkers, runnableImage };
  }, [build, run, consoleTab, refusedMarkers, runnableImage]);

  const coachState = useMemo<CoachState>(() => ({ coach, ruleDoc }), [coach, ruleDoc]);
  const busy = isActive(build) || isActive(run);

  return (
    <ActionsContext.Provider value={actions}>
      <FilesContext.Provider value={filesState}>
        <JobsContext.Provider value={jobsState}>
          <CoachContext.Provider value={coachState}>
            <BusyContext.Provider value={busy}>{children}</BusyContext.Provider>
          </CoachContext.Provider>
        </JobsContext.Provider>
      </FilesContext.Provider>
    </ActionsContext.Provider>
  );
}
