import Markdown, { type Components } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { common } from 'lowlight';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import { LessonCodeBlock } from './LessonCodeBlock';
import { hastText, rehypeCodeLanguage } from './rehype-code-language';

const languages = { ...common, dockerfile };

const components: Components = {
  // Code blocks get actions (Open in editor, Run this) from a small client wrapper; the highlighting stays server-rendered.
  pre({ node, children }) {
    const code = node?.children.find((c) => c.type === 'element' && c.tagName === 'code');
    const className = code && code.type === 'element' ? code.properties.className : undefined;
    const lang = Array.isArray(className)
      ? (className.map(String).find((c) => c.startsWith('language-')) ?? '').slice('language-'.length)
      : '';
    return (
      <LessonCodeBlock lang={lang} source={hastText(code).replace(/\n$/, '')}>
        {children}
      </LessonCodeBlock>
    );
  },
  // Lesson links to other sites open in a new tab so the workbench is not lost.
  a({ href, children }) {
    const external = href && /^https?:\/\//.test(href);
    return (
      <a href={href} {...(external ? { target: '_blank', rel: 'noreferrer noopener' } : {})}>
        {children}
      </a>
    );
  },
  // The seed lessons use `---` between sections: a visual break, not a line across the text.
  hr() {
    return <hr className="section-break" />;
  },
};

/** A lesson's Markdown, rendered on the server: GFM, highlighted code blocks, no raw HTML. */
export function LessonMarkdown({ body }: { body: string }) {
  return (
    <div className="prose">
      <Markdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[
          rehypeCodeLanguage,
          [rehypeHighlight, { languages, aliases: { bash: ['terminal'] }, detect: false, plainText: ['text', 'txt', 'plaintext'] }],
        ]}
        components={components}
      >
        {body}
      </Markdown>
    </div>
  );
}
