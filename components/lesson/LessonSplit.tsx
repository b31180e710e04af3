'use client';

import type { ReactNode } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';

/** Lesson on the left, workbench on the right, resizable; stacked by CSS on narrow screens. */
export function LessonSplit({ lesson, workbench }: { lesson: ReactNode; workbench: ReactNode }) {
  return (
    <Group orientation="horizontal" className="lesson-split" id="lesson-split">
      <Panel id="lesson" defaultSize="42%" minSize="25%" className="lesson-pane">
        {lesson}
      </Panel>
      <Separator className="separator separator-v" />
      <Panel id="workbench" defaultSize="58%" minSize="35%" className="workbench-pane">
        {workbench}
      </Panel>
    </Group>
  );
}
