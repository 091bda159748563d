import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import GithubSlugger from 'github-slugger';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { RULES } from '../contract-tests/checks/rules.ts';

/**
 * README.md and docs/*.md link to each other by file and by heading anchor; a page split, a renamed heading
 * or a moved file breaks those links silently on GitHub. This checks them the way GitHub resolves them.
 */

const root = join(import.meta.dirname, '..');

/** The text a heading renders to (code spans, emphasis and link texts included, markup dropped). */
function plainText(tokens: readonly Token[]): string {
  return tokens
    .map((token) => {
      if ('tokens' in token && Array.isArray(token.tokens) && token.type !== 'codespan') {
        return plainText(token.tokens as Token[]);
      }
      return token.type === 'html' ? '' : 'text' in token ? String(token.text) : '';
    })
    .join('');
}

/** The anchors GitHub gives a page's headings: its slug algorithm, `-1`, `-2`… for repeated headings. */
function headingAnchors(markdown: string): string[] {
  const slugger = new GithubSlugger();
  const anchors: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'heading') {
      anchors.push(slugger.slug(plainText((token as Tokens.Heading).tokens)));
    }
  });
  return anchors;
}

function linkTargets(markdown: string): string[] {
  const hrefs: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token) => {
    if (token.type === 'link' || token.type === 'image') {
      hrefs.push((token as Tokens.Link | Tokens.Image).href);
    }
  });
  return hrefs;
}

/**
 * Every relative link of the given pages that does not resolve, as `page: href: why`. `pages` maps a path
 * from the repository root to its Markdown; `exists` says whether a path that is not a page exists.
 */
function brokenLinks(pages: Readonly<Record<string, string>>, exists: (path: string) => boolean): string[] {
  const anchorsOf = new Map<string, Set<string>>();
  const anchors = (page: string) => {
    let set = anchorsOf.get(page);
    if (!set) {
      set = new Set(headingAnchors(pages[page] ?? ''));
      anchorsOf.set(page, set);
    }
    return set;
  };
  const broken: string[] = [];
  for (const [page, markdown] of Object.entries(pages)) {
    for (const href of linkTargets(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        continue; // https:, mailto:…: not this repository's to check
      }
      const hash = href.indexOf('#');
      const path = hash === -1 ? href : href.slice(0, hash);
      const anchor = hash === -1 ? undefined : decodeURIComponent(href.slice(hash + 1));
      const target = path === '' ? page : normalize(join(dirname(page), decodeURI(path)));
      if (target.startsWith('..')) {
        broken.push(`${page}: ${href}: points outside the repository`);
        continue;
      }
      if (pages[target] === undefined && !exists(target)) {
        broken.push(`${page}: ${href}: no file ${target}`);
        continue;
      }
      if (anchor !== undefined) {
        if (pages[target] === undefined) {
          broken.push(`${page}: ${href}: ${target} is not a checked Markdown page, so its anchors cannot be checked`);
        } else if (!anchors(target).has(anchor)) {
          broken.push(`${page}: ${href}: no heading '${anchor}' in ${target}`);
        }
      }
    }
  }
  return broken;
}

describe('GitHub heading anchors', () => {
  it.each([
    ['plain words', '## Quick start', 'quick-start'],
    [
      'a code span, then punctuation',
      '### `proxy`: check real traffic against the contract',
      'proxy-check-real-traffic-against-the-contract',
    ],
    ['a flag keeps its hyphens', '## `--verify-auth`, and a fuzz test', '--verify-auth-and-a-fuzz-test'],
    ['a comma before a code span flag', '## Signatures: passed through, or `--resign`', 'signatures-passed-through-or---resign'],
    ['parentheses dropped', '# Published docs (GitHub Pages)', 'published-docs-github-pages'],
    ['an apostrophe dropped', "## oasdiff's checks, family by family", 'oasdiffs-checks-family-by-family'],
    ['digits kept', '## NCP Data Forest (51 operations)', 'ncp-data-forest-51-operations'],
    ['emphasis and a link: their text only', '## **Bold** and [a link](x.md)', 'bold-and-a-link'],
    ['non-ASCII letters kept, symbols dropped', '## Café → menu', 'café--menu'],
  ])('%s', (_name, heading, anchor) => {
    expect(headingAnchors(heading)).toEqual([anchor]);
  });

  it('numbers repeated headings, and skips # lines inside code blocks', () => {
    expect(headingAnchors('# Usage\n\n```sh\n# not a heading\n```\n\n## Usage\n\n## Usage\n')).toEqual(['usage', 'usage-1', 'usage-2']);
  });
});

describe('the link checker', () => {
  const pages = {
    'README.md': '# Tool\n\n## More documentation\n',
    'docs/a.md': '# Page A\n\n## Exit codes\n\n```sh\n# a comment\n```\n',
  };
  const files = new Set(['package.json', 'docs/image.png']);
  const check = (page: string, markdown: string) =>
    brokenLinks({ ...pages, [page]: markdown }, (path) => files.has(path)).filter((line) => line.startsWith(`${page}:`));

  it.each([
    ['a page', 'docs/b.md', '[A](a.md)', []],
    ['a heading of another page', 'docs/b.md', '[A](a.md#exit-codes)', []],
    ['a heading of the same page', 'docs/b.md', '# B\n\n## Here\n\n[here](#here)', []],
    ['up to the README', 'docs/b.md', '[more](../README.md#more-documentation)', []],
    ['a file that is not a page', 'README.md', '[pkg](package.json) ![img](docs/image.png)', []],
    ['outside links are not checked', 'README.md', '[x](https://example.com/#nothing) <https://example.org>', []],
    ['a missing page', 'docs/b.md', '[C](c.md)', ['docs/b.md: c.md: no file docs/c.md']],
    ['a page path relative to the wrong folder', 'docs/b.md', '[A](docs/a.md)', ['docs/b.md: docs/a.md: no file docs/docs/a.md']],
    ['a missing heading', 'docs/b.md', '[A](a.md#exit-code)', ["docs/b.md: a.md#exit-code: no heading 'exit-code' in docs/a.md"]],
    [
      'a comment in a code block is no heading',
      'docs/b.md',
      '[A](a.md#a-comment)',
      ["docs/b.md: a.md#a-comment: no heading 'a-comment' in docs/a.md"],
    ],
    [
      'a missing heading of the same page',
      'README.md',
      '[x](#quick-start)',
      ["README.md: #quick-start: no heading 'quick-start' in README.md"],
    ],
    [
      'an anchor into a file that is not a page',
      'README.md',
      '[x](package.json#name)',
      ['README.md: package.json#name: package.json is not a checked Markdown page, so its anchors cannot be checked'],
    ],
    ['a link inside a table cell', 'docs/b.md', '| a | b |\n|---|---|\n| [C](c.md) | x |', ['docs/b.md: c.md: no file docs/c.md']],
    ['a link inside a list item', 'docs/b.md', '- see [C](c.md#x)', ['docs/b.md: c.md#x: no file docs/c.md']],
    ['out of the repository', 'README.md', '[x](../elsewhere.md)', ['README.md: ../elsewhere.md: points outside the repository']],
  ])('%s', (_name, page, markdown, expected) => {
    expect(check(page, markdown)).toEqual(expected);
  });
});

describe('README.md and docs/', () => {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const pages = Object.fromEntries(['README.md', ...docs].map((page) => [page, readFileSync(join(root, page), 'utf8')]));
  const readme = pages['README.md'] ?? '';

  it('every relative link and anchor resolves', () => {
    expect(brokenLinks(pages, (path) => existsSync(join(root, path)))).toEqual([]);
  });

  it('the README stays short: what it is, quick start, the main commands, a map of docs/', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(220);
  });

  it('the README links every page under docs/', () => {
    const linked = new Set(linkTargets(readme).map((href) => href.split('#')[0]));
    expect(docs.filter((page) => !linked.has(page))).toEqual([]);
  });

  it("each contract rule's doc link in the rule catalogue resolves, to a page that names the rule", () => {
    const links = Object.entries(RULES).map(([rule, { doc }]) => `[${rule}](${doc})`);
    expect(brokenLinks({ ...pages, 'rules.md': links.join('\n') }, () => false)).toEqual([]);
    const unnamed = Object.entries(RULES).filter(([rule, { doc }]) => !pages[doc.split('#')[0] as string]?.includes(`\`${rule}\``));
    expect(unnamed.map(([rule]) => rule)).toEqual([]);
  });

  it("the README's last section is 'More documentation', where new pages are listed", () => {
    expect(headingAnchors(readme).at(-1)).toBe('more-documentation');
  });
});
