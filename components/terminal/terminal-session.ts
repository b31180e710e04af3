/**
 * What the terminal panel does with keys, apart from React: a `docker` prompt
 * (line editing, history, tab completion), lines sent to the server's grammar,
 * builds and runs followed through their job events (Ctrl+C cancels), and
 * an interactive shell (`docker run -it`) whose keys go straight to the
 * container's TTY. A reload re-attaches to a shell that is still alive.
 */
import type { Terminal } from '@xterm/xterm';
import { learnerApi, terminalApi, type ApiFile } from '@/lib/api-client';
import { commonPrefix, complete, parseDockerLine } from '@/lib/docker-cli';
import { initialProgress, progressLines, type ProgressLine } from '@/lib/build-progress';
import type { JobEvent } from '@/lib/events';
import { LineEditor, PROMPT } from './line-editor';

type Mode = 'prompt' | 'busy' | 'job' | 'shell';
export type SessionContext = { files: () => ApiFile[]; lesson: () => string | undefined };

const DIM = (s: string) => `\x1b[2m${s}\x1b[0m`;
const RED = (s: string) => `\x1b[31m${s}\x1b[0m`;
const YELLOW = (s: string) => `\x1b[33m${s}\x1b[0m`;
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
/** A plain-progress line coloured as the CLI colours it: errors red, warnings yellow, the rest as is. */
const paint = (line: ProgressLine) => (line.role === 'error' ? RED(line.text) : line.role === 'warning' ? YELLOW(line.text) : line.text);

export class TerminalSession {
  private mode: Mode = 'prompt';
  private editor = new LineEditor();
  private job?: { kind: 'build' | 'run'; id: string; source: EventSource };
  private shell?: EventSource;
  private pendingInput = '';
  private sending = false;
  private names?: { at: number; value: { images: string[]; containers: string[] } };
  private lastTab?: string;
  private disposed = false;

  constructor(
    private readonly term: Terminal,
    private readonly ctx: SessionContext,
  ) {}

  async start() {
    this.term.onData((d) => this.onData(d));
    this.term.onResize(({ cols, rows }) => {
      if (this.mode === 'shell') void terminalApi.resizeShell(cols, rows).catch(() => undefined);
    });
    const [history, shell] = await Promise.all([
      terminalApi.commandHistory().catch(() => undefined),
      terminalApi.liveShell().catch(() => undefined),
    ]);
    if (this.disposed) return;
    if (history) this.editor.setHistory(history.lines);
    this.refreshNames();
    if (shell) {
      this.term.write(DIM(`Re-attached to your shell in ${shell.image} (container ${shell.name}).\r\n`));
      this.attachShell();
      return;
    }
    this.term.write(
      DIM('Type docker commands as on your own machine: docker build -t app . · docker images · docker history app\r\n') +
        DIM('docker run -it IMAGE sh opens a shell inside an image. docker --help lists what works here.\r\n'),
    );
    this.prompt();
  }

  dispose() {
    this.disposed = true;
    this.job?.source.close();
    this.shell?.close();
  }

  /** A lesson's ```terminal block: typed at the prompt, not run (the learner presses Enter). */
  paste(text: string) {
    if (this.mode === 'prompt') this.term.write(this.editor.insert(text));
    else if (this.mode === 'shell') this.send(text);
    this.term.focus();
  }

  private prompt() {
    this.mode = 'prompt';
    this.term.write(`\r\x1b[K${PROMPT}${this.editor.text}`);
  }

  private onData(data: string) {
    if (this.mode === 'shell') return this.send(data);
    if (this.mode !== 'prompt') {
      if (data.includes('\x03')) this.interrupt();
      return;
    }
    const { write, actions } = this.editor.feed(data);
    if (write) this.term.write(write);
    for (const a of actions) {
      if (a.type === 'submit') void this.submit(a.line);
      else if (a.type === 'complete') this.complete(a.line);
      else if (a.type === 'interrupt') this.prompt();
      else if (a.type === 'clear') {
        this.term.clear();
        this.term.write(this.editor.redraw());
      }
      if (a.type !== 'complete') this.lastTab = undefined;
    }
  }

  private async submit(line: string) {
    const trimmed = line.trim();
    if (trimmed === '') return this.prompt();
    if (trimmed === 'clear') {
      this.term.clear();
      return this.prompt();
    }
    this.mode = 'busy';
    const isBuild = parseDockerLine(trimmed).kind === 'build';
    try {
      const result = await terminalApi.runLine({
        line: trimmed,
        lesson: this.ctx.lesson(),
        ...(isBuild && { files: this.ctx.files() }),
        cols: this.term.cols,
        rows: this.term.rows,
      });
      if (this.disposed) return;
      if (result.type === 'output') {
        if (result.text) this.term.write(`${crlf(result.text)}\r\n`);
        this.refreshNames();
        return this.prompt();
      }
      if (result.type === 'job') return this.followJob(result.kind, result.id);
      this.attachShell();
    } catch (err) {
      this.term.write(RED(crlf((err as Error).message)) + '\r\n');
      this.prompt();
    }
  }

  private followJob(kind: 'build' | 'run', id: string) {
    this.mode = 'job';
    const source = new EventSource(learnerApi.jobEventsUrl(kind, id));
    this.job = { kind, id, source };
    let progress = initialProgress();
    const onEvent = (message: MessageEvent<string>) => {
      let e: JobEvent;
      try {
        e = JSON.parse(message.data) as JobEvent;
      } catch {
        return;
      }
      // A build prints what `docker build --progress=plain` prints (#5 [2/4] RUN …, CACHED, DONE 0.4s),
      // rendered by the console's own renderer; a run's output is written as it comes.
      if (kind === 'build' && (e.type === 'vertex' || e.type === 'log' || e.type === 'warning')) {
        const r = progressLines(progress, e);
        progress = r.state;
        for (const line of r.lines) this.term.write(paint(line) + '\r\n');
      } else if (e.type === 'log') this.term.write(crlf(e.text));
      else if (e.type === 'status' && e.state === 'queued' && e.position)
        this.term.write(DIM(`Waiting for a free slot (position ${e.position})…\r\n`));
      else if (e.type === 'done') {
        source.close();
        this.job = undefined;
        this.refreshNames();
        if (e.state === 'cancelled') this.term.write(YELLOW('Cancelled.') + '\r\n');
        else if (e.error) this.term.write(RED(crlf(e.error.message)) + '\r\n');
        else if (kind === 'build' && e.tag) this.term.write(DIM(`Built ${e.tag}.`) + '\r\n');
        this.prompt();
      }
    };
    for (const t of ['status', 'vertex', 'log', 'warning', 'done'] satisfies JobEvent['type'][])
      source.addEventListener(t, onEvent as EventListener);
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED && this.job?.id === id) {
        this.job = undefined;
        this.term.write(RED('Lost the connection to this job.') + '\r\n');
        this.prompt();
      }
    };
  }

  private interrupt() {
    this.term.write('^C\r\n');
    if (this.job) void learnerApi.cancelJob(this.job.kind, this.job.id).catch(() => undefined);
  }

  private attachShell() {
    this.mode = 'shell';
    const source = new EventSource(terminalApi.shellEventsUrl);
    this.shell = source;
    void terminalApi.resizeShell(this.term.cols, this.term.rows).catch(() => undefined);
    source.addEventListener('output', ((m: MessageEvent<string>) => {
      const e = JSON.parse(m.data) as { data: string };
      this.term.write(e.data);
    }) as EventListener);
    source.addEventListener('end', ((m: MessageEvent<string>) => {
      const e = JSON.parse(m.data) as { message: string };
      source.close();
      this.shell = undefined;
      this.term.write(`\r\n${YELLOW(e.message)}\r\n`);
      this.refreshNames();
      this.prompt();
    }) as EventListener);
    source.onerror = () => {
      // CONNECTING: EventSource retries by itself (Last-Event-ID resumes). CLOSED: the server has no shell.
      if (source.readyState === EventSource.CLOSED && this.shell === source) {
        this.shell = undefined;
        this.term.write(`\r\n${YELLOW('The shell is no longer there.')}\r\n`);
        this.prompt();
      }
    };
  }

  /** Keys for the shell go in order, one request at a time, coalesced while one is in flight. */
  private send(data: string) {
    this.pendingInput += data;
    if (this.sending) return;
    this.sending = true;
    void (async () => {
      while (this.pendingInput) {
        const chunk = this.pendingInput;
        this.pendingInput = '';
        await terminalApi.shellInput(chunk).catch(() => undefined);
      }
      this.sending = false;
    })();
  }

  /** Names for completion, fetched ahead (at start and after each command), so Tab answers at once. */
  private refreshNames() {
    void terminalApi
      .completionNames()
      .then((value) => (this.names = { at: Date.now(), value }))
      .catch(() => undefined);
  }

  private complete(line: string) {
    const { word, candidates } = complete(line, this.names?.value ?? { images: [], containers: [] });
    if (candidates.length === 0) return this.term.write('\x07');
    if (candidates.length === 1) {
      this.term.write(this.editor.insert(candidates[0].slice(word.length) + ' '));
      return;
    }
    const prefix = commonPrefix(candidates);
    if (prefix.length > word.length) {
      this.term.write(this.editor.insert(prefix.slice(word.length)));
      return;
    }
    // A second Tab with nothing more to insert lists the choices, as bash does.
    if (this.lastTab === line) {
      this.term.write(`\r\n${candidates.join('  ')}\r\n${this.editor.redraw()}`);
    } else this.term.write('\x07');
    this.lastTab = line;
  }
}
