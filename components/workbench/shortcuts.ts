'use client';

import type { WorkbenchApi } from './WorkbenchProvider';

/** What Ctrl/Cmd+Shift+Enter does: Run, when the Run button could (an image was built). */
export function runShortcut(wb: WorkbenchApi) {
  if (wb.runnableImage) void wb.runImage();
}
