import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import type { Fixups, ImageUser } from '@/lib/image-catalog';

/** Applies a recipe's fixups to the root filesystem at `root`: remove, dirs, files, symlinks, users. */
export function applyFixups(root: string, fx: Fixups) {
  const inRoot = (abs: string) => path.join(root, abs.replace(/^\/+/, ''));
  for (const f of fx.remove ?? []) fs.rmSync(inRoot(f), { force: true, recursive: true });
  for (const [dir, mode] of Object.entries(fx.dirs ?? {})) {
    fs.mkdirSync(inRoot(dir), { recursive: true });
    fs.chmodSync(inRoot(dir), mode); // mkdir's mode is masked by the umask
  }
  for (const [file, content] of Object.entries(fx.files ?? {})) {
    fs.mkdirSync(path.dirname(inRoot(file)), { recursive: true });
    fs.writeFileSync(inRoot(file), content);
  }
  for (const [link, target] of Object.entries(fx.symlinks ?? {})) {
    fs.mkdirSync(path.dirname(inRoot(link)), { recursive: true });
    fs.rmSync(inRoot(link), { force: true, recursive: true });
    fs.symlinkSync(target, inRoot(link));
  }
  for (const user of fx.users ?? []) addUser(root, user);
}

/** What `groupadd -g UID NAME && useradd -u UID -g NAME -m -s SHELL NAME` leaves behind. */
function addUser(root: string, u: ImageUser) {
  const append = (file: string, line: string) => {
    const p = path.join(root, 'etc', file);
    const text = fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : '';
    if (text.split('\n').some((l) => l.startsWith(`${u.name}:`))) return;
    fs.writeFileSync(p, `${text}${text && !text.endsWith('\n') ? '\n' : ''}${line}\n`);
  };
  append('group', `${u.name}:x:${u.uid}:`);
  append('passwd', `${u.name}:x:${u.uid}:${u.uid}::${u.home}:${u.shell}`);
  if (fs.existsSync(path.join(root, 'etc/shadow'))) append('shadow', `${u.name}:!:20000:0:99999:7:::`);
  const home = path.join(root, u.home.replace(/^\/+/, ''));
  fs.mkdirSync(home, { recursive: true });
  fs.chmodSync(home, 0o755);
  fs.chownSync(home, u.uid, u.uid);
}
