'use client';

import { useWorkbenchActions } from './workbench-context';

/**
 * The first stops for a keyboard user, shown when focused: past the lesson text
 * to the editor, the console, or the lesson's goals ("Check my work").
 */
export function SkipLinks({ hasCheck }: { hasCheck: boolean }) {
  const { setConsoleTab } = useWorkbenchActions();
  const go = (tab: 'build' | 'check') => () => {
    setConsoleTab(tab);
    // The tab exists already (panels are only hidden); focus it once React has shown its panel.
    requestAnimationFrame(() => document.getElementById(`console-tab-${tab}`)?.focus());
  };
  return (
    <nav className="skip-links" aria-label="Skip links">
      <a
        href="#editor-host"
        className="skip-link"
        onClick={(e) => {
          e.preventDefault();
          // Monaco takes keys through an EditContext div in Chromium, a textarea elsewhere.
          document.querySelector<HTMLElement>('#editor-host .native-edit-context, #editor-host textarea')?.focus();
        }}
      >
        Skip to the editor
      </a>
      <button type="button" className="skip-link" onClick={go('build')}>
        Skip to the console
      </button>
      {hasCheck && (
        <button type="button" className="skip-link" onClick={go('check')}>
          Skip to Check my work
        </button>
      )}
    </nav>
  );
}
