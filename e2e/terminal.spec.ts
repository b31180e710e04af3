import { expect, test } from '@playwright/test';
import { LessonPage } from './pages/lesson-page';
import { TerminalPanel } from './pages/terminal-panel';

/**
 * The workbench's terminal, typed into as a learner types (key by key): build
 * the editor's files, list images, open a shell in the image, look around,
 * leave; completion, history and Ctrl+C; a reload re-attaches to the shell.
 */

const BUILD_TIMEOUT = 240_000;
// A small context of our own, so the test does not depend on a lesson's current content.
const DOCKERFILE = 'FROM busybox:latest\nWORKDIR /app\nCOPY hello.txt .\nCMD ["cat", "hello.txt"]\n';

async function openWithContext(page: import('@playwright/test').Page) {
  const lesson = new LessonPage(page);
  await lesson.goto();
  await lesson.setFile('Dockerfile', DOCKERFILE);
  await lesson.setFile('hello.txt', 'hello from the terminal test\n');
  return lesson;
}

test('docker build, docker images, then a shell in the image: ls, whoami, exit', async ({ page }) => {
  await openWithContext(page);
  const term = new TerminalPanel(page);
  await term.ready();
  await term.focus();

  await term.enter('docker build -t a .');
  // BuildKit's plain progress, as `docker build` prints it on a laptop.
  await term.expectText(
    /#\d+ \[3\/3\] COPY hello\.txt \.[\s\S]*naming to docker\.io\/library\/a:latest done[\s\S]*Built a\./,
    BUILD_TIMEOUT,
  );

  await term.enter('docker images');
  await term.expectText(/REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE/);
  await term.expectText(/\ba\s+latest\s+[0-9a-f]{12}\s/);

  await term.enter('docker run -it a sh');
  await term.expectText(/# *$/m);
  await term.enter('ls');
  await term.expectText(/hello\.txt/);
  await term.enter('whoami');
  await term.expectText(/^root\s*$/m);
  await term.enter('exit');
  await term.expectText(/went to the container, not to the image a/);
  // Back at the docker prompt: a docker command works again.
  await term.enter('docker ps -q');
  await term.expectText(/docker ps -q\n\$ *$/);
});

test('Tab completes commands, flags and image names; ↑ recalls; Ctrl+C cancels a run; Ctrl+L clears', async ({ page }) => {
  await openWithContext(page);
  const term = new TerminalPanel(page);
  await term.ready();
  await term.focus();
  await term.enter('docker build -t completion-demo .');
  await term.expectText(/Built completion-demo/, BUILD_TIMEOUT);

  await term.type('docker hi');
  await page.keyboard.press('Tab');
  await term.type('--no-t');
  await page.keyboard.press('Tab');
  await term.type('completion-d');
  await page.keyboard.press('Tab');
  await term.expectText(/\$ docker history --no-trunc completion-demo *$/m);
  await page.keyboard.press('Enter');
  await term.expectText(/IMAGE\s+CREATED\s+CREATED BY/);

  await page.keyboard.press('ArrowUp');
  await term.expectText(/\$ docker history --no-trunc completion-demo *$/m);
  await page.keyboard.press('Control+U');

  await term.enter('docker run completion-demo sleep 60');
  await term.expectText(/docker run completion-demo sleep 60/);
  await expect.poll(async () => (await page.request.get('/api/terminal/names')).json()).toMatchObject({ containers: [expect.any(String)] });
  await page.keyboard.press('Control+C');
  await term.expectText(/Cancelled\./);

  await page.keyboard.press('Control+L');
  await expect.poll(() => term.text()).not.toContain('Cancelled.');

  await term.enter('cat /etc/passwd');
  await term.expectText(/docker commands only; there is no shell on the server/);
});

test('a reload re-attaches to the shell that is still running', async ({ page }) => {
  const lesson = new LessonPage(page);
  await lesson.goto();
  const term = new TerminalPanel(page);
  await term.ready();
  await term.focus();
  await term.enter('docker run -it busybox sh');
  await term.expectText(/# *$/m);
  await term.enter('echo before-$((40+2))');
  await term.expectText('before-42');

  await page.reload();
  await lesson.editorReady();
  await term.expectText(/Re-attached to your shell in busybox/);
  await term.expectText('before-42');
  await term.focus();
  await term.enter('echo after-$((5*5))');
  await term.expectText('after-25');
  await term.enter('exit');
  await term.expectText(/not to the image busybox/);
});
