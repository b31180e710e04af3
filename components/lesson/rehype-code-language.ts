/**
 * Authors write ```Dockerfile; highlight.js registers `dockerfile`. Lower-case
 * every `language-*` class before highlighting so the two always meet.
 */
type Node = { type: string; tagName?: string; properties?: { className?: unknown }; children?: Node[] };

export function rehypeCodeLanguage() {
  return (tree: Node) => {
    const walk = (node: Node) => {
      if (node.type === 'element' && node.tagName === 'code' && Array.isArray(node.properties?.className)) {
        node.properties.className = (node.properties.className as string[]).map((c) => (c.startsWith('language-') ? c.toLowerCase() : c));
      }
      node.children?.forEach(walk);
    };
    walk(tree);
  };
}

/** The plain text of a hast subtree (a highlighted code block's source). */
export function hastText(node: unknown): string {
  const n = node as { type?: string; value?: string; children?: unknown[] };
  if (n.type === 'text') return n.value ?? '';
  return (n.children ?? []).map(hastText).join('');
}
