import type { CSSProperties } from 'react';
import type { AnsiSegment } from '@/lib/ansi';
import { xtermColor } from '@/lib/ansi';

/** Segments from lib/ansi as spans; the 16 named colours are CSS classes so each theme can tune them. */
export function AnsiText({ segments }: { segments: AnsiSegment[] }) {
  return segments.map((seg, i) => {
    const { fg, bg, bold, dim, italic, underline } = seg.style;
    const classes: string[] = [];
    const style: CSSProperties = {};
    if (typeof fg === 'number' && fg < 16) classes.push(`ansi-fg-${fg}`);
    else if (fg !== undefined) style.color = xtermColor(fg);
    if (typeof bg === 'number' && bg < 16) classes.push(`ansi-bg-${bg}`);
    else if (bg !== undefined) style.backgroundColor = xtermColor(bg);
    if (bold) classes.push('ansi-bold');
    if (dim) classes.push('ansi-dim');
    if (italic) classes.push('ansi-italic');
    if (underline) classes.push('ansi-underline');
    if (classes.length === 0 && Object.keys(style).length === 0) return seg.text;
    return (
      <span key={i} className={classes.join(' ') || undefined} style={style}>
        {seg.text}
      </span>
    );
  });
}
