// Lesson text to safe HTML: markdown-it (CommonMark, raw HTML off) then DOMPurify. Links leave the
// app in a new tab without handing it the opener; code blocks carry their language for styling.
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';
import type { RendererRule } from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
// only real URLs become links: "etl.py" in a sentence is a file name, not the domain .py
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

const renderToken: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);
const defaultLinkOpen = md.renderer.rules.link_open ?? renderToken;
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]!;
  const href: unknown = token.attrGet('href');
  if (typeof href === 'string' && /^https?:/i.test(href)) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer');
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

let hooked = false;

/** Markdown to sanitized HTML (browser only: DOMPurify needs a DOM). */
export function renderMarkdown(text: string): string {
  if (!hooked) {
    // DOMPurify drops target unless allowed; keep it only together with a safe rel
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('target') === '_blank') node.setAttribute('rel', 'noopener noreferrer');
      // a code block wider than the panel scrolls: it must take focus so the keyboard can scroll it
      if (node.tagName === 'PRE') node.setAttribute('tabindex', '0');
    });
    hooked = true;
  }
  return DOMPurify.sanitize(md.render(text), { ADD_ATTR: ['target'] });
}
