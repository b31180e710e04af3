'use client';

import { CheckPanel } from './CheckPanel';
import { SolutionDiff } from './SolutionDiff';
import { useWorkbenchActions } from '../workbench/workbench-context';

type Props = {
  slug: string;
  goals: { id: string; title: string }[];
  hints: string[];
  next?: { slug: string; title: string };
};

/**
 * The console's "Check my work" tab: the lesson's goals, checked against a
 * build of the learner's current files, and the reference solution behind a
 * confirmation. Bridges the panels to the workbench (they know nothing of it).
 */
export function LessonCheck({ slug, goals, hints, next }: Props) {
  const wb = useWorkbenchActions();

  const ensureBuild = async () => {
    try {
      return await wb.ensureBuild();
    } finally {
      // A build switches the console to its log; the results are shown here.
      wb.setConsoleTab('check');
    }
  };

  return (
    <div className="check-slot">
      <CheckPanel slug={slug} goals={goals} hints={hints} next={next} ensureBuild={ensureBuild} />
      <SolutionDiff slug={slug} files={wb.currentFiles} onUseSolution={(files) => wb.replaceFiles(files)} />
    </div>
  );
}
