import { ImportInputError } from './errors.ts';
import type { Page } from './read.ts';

export type Layout = 'ncp-classic' | 'ncp-modern' | 'huawei';
export type Language = 'en' | 'ko' | 'ja';

/** What a heading line introduces. */
export type SectionKind =
  | 'request'
  | 'request-params'
  | 'request-headers'
  | 'request-body'
  | 'request-example'
  | 'response'
  | 'response-params'
  | 'response-body'
  | 'response-example'
  | 'error-example'
  | 'status-codes'
  | 'errors'
  | 'uri'
  | 'end';

/**
 * Heading words per section, in the three languages the pages come in. A line is a heading when, once bullets
 * and trailing punctuation are dropped, it is one of these (case-insensitive).
 */
const HEADINGS: Record<SectionKind, string[]> = {
  request: ['request', 'requests', '요청', 'リクエスト'],
  'request-params': ['request parameters', 'request parameter', '요청 파라미터', 'リクエストパラメータ', 'parameter description'],
  'request-headers': ['request headers', 'request header', '요청 헤더', 'リクエストヘッダ', 'リクエストヘッダー'],
  'request-body': ['request bodies', 'request body', '요청 바디', 'リクエストボディ'],
  'request-example': [
    'request examples',
    'request example',
    'example requests',
    'example request',
    '요청 예시',
    'リクエスト例',
    'リクエストの例',
  ],
  response: ['response', 'responses', '응답', 'レスポンス'],
  'response-params': ['response parameters', 'response parameter', '응답 파라미터', 'レスポンスパラメータ'],
  'response-body': ['response bodies', 'response body', '응답 바디', 'レスポンスボディ'],
  'response-example': [
    'response examples',
    'response example',
    'example responses',
    'example response',
    '응답 예시',
    'レスポンス例',
    'レスポンスの例',
  ],
  'error-example': ['error code examples', 'error code example', '오류 코드 예시', 'エラーコード例', 'エラーコードの例'],
  'status-codes': ['status codes', 'status code', 'response status codes', '응답 상태 코드', 'レスポンスステータスコード'],
  errors: ['errors', 'error codes', 'error code', '오류코드', '오류 코드', 'エラーコード'],
  uri: ['uri'],
  end: [
    'was this article helpful?',
    '이 문서가 도움이 되었습니까?',
    'この記事は役に立ちましたか?',
    'feedback',
    'sdk',
    'was this page helpful?',
  ],
};

const HEADING_OF = new Map<string, SectionKind>(
  Object.entries(HEADINGS).flatMap(([kind, words]) => words.map((w) => [w, kind as SectionKind] as const)),
);

/** The section a line opens, if it is a heading. */
export function headingKind(line: string): SectionKind | undefined {
  const text = line
    .trim()
    .replace(/^(?:[•\-*]\s*)/, '')
    .replace(/\s*[:：]$/, '')
    .toLowerCase();
  if (text.startsWith('was this article helpful') || text.startsWith('이 문서가 도움이') || text.startsWith('この記事は役に立ちました')) {
    return 'end';
  }
  return HEADING_OF.get(text);
}

export interface Section {
  kind: SectionKind;
  /** Index of the heading line. */
  start: number;
  /** Index after the section's last line. */
  end: number;
}

/** The page cut at its headings, in page order. */
export function sectionsOf(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  lines.forEach((line, index) => {
    const kind = headingKind(line);
    if (kind) {
      const last = sections.at(-1);
      if (last) {
        last.end = index;
      }
      sections.push({ kind, start: index, end: lines.length });
    }
  });
  return sections;
}

const has = (text: string, ...needles: RegExp[]) => needles.some((n) => n.test(text));

/** Which layout and language a page is in, from its headings and tables; undefined when none fits. */
export function detectLayout(page: Page): { layout: Layout; language: Language } | undefined {
  const text = page.lines.join('\n');
  const language: Language = /[\uac00-\ud7af]{2}/.test(text) ? 'ko' : /[\u3040-\u30ff]{2}/.test(text) ? 'ja' : 'en';
  const kinds = new Set(sectionsOf(page.lines).map((s) => s.kind));
  if (has(text, /^\s*(?:Method|메서드|メソッド)\s*\|?\s*URI\s*\|?\s*$/m)) {
    return { layout: 'ncp-modern', language };
  }
  if (
    has(
      text,
      /^\s*Status code:\s*\d{3}/m,
      /^\s*\|?\s*Mandatory\s*\|?\s*$/m,
      /^\s*Calling Method\s*$/m,
      /Table \d+ (?:Path|Query|Request|Response)/,
    ) &&
    (kinds.has('uri') || kinds.has('request-params') || kinds.has('request-example'))
  ) {
    return { layout: 'huawei', language };
  }
  const classic =
    has(text, /Requirement status|필수 여부|要否/, /<\?xml/, /^\s*(?:[•-]\s*)?(?:HTTP|BASH)\s*$/m) &&
    (kinds.has('request-body') || kinds.has('request-params') || kinds.has('request-example') || kinds.has('response-body'));
  if (classic) {
    return { layout: 'ncp-classic', language };
  }
  return undefined;
}

/** Why a page with no known layout is not an operation page: a login wall, an error page, an overview, or nothing known. */
export function whyNotAnOperationPage(page: Page): string {
  const text = page.lines.join('\n');
  const short = page.lines.filter((l) => l.trim() !== '').length < 80;
  if (short && /\b(?:sign in|log in|login|password)\b|로그인|ログイン/i.test(text) && !/\bURI\b/.test(text)) {
    return 'a sign-in page, not an API page: save the page while signed in, or its public address';
  }
  if (
    short &&
    /\b(?:404|403|500|502|503)\b.*(?:not found|forbidden|error|unavailable)|page (?:not found|does not exist)|페이지를 찾을 수 없|ページが見つかりません/i.test(
      text,
    )
  ) {
    return 'an error page (the server answered an error instead of the API page)';
  }
  if (/^\s*(?:API name|API 이름|API名)\s*\|/m.test(text)) {
    return 'an overview page listing operations, not one operation: import each operation’s own page';
  }
  return 'unknown layout: no NCP (classic or Method/URI) or Huawei (URI, Status code) API page headings found';
}

/** The layout, or an ImportInputError saying what the page is instead. */
export function requireLayout(page: Page): { layout: Layout; language: Language } {
  const found = detectLayout(page);
  if (!found) {
    throw new ImportInputError(page.source, whyNotAnOperationPage(page));
  }
  return found;
}
