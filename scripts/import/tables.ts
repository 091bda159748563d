import { headingKind } from './layout.ts';

/** One row of a parameter or field table, whatever the table looked like on the page. */
export interface FieldRow {
  name: string;
  /** The requirement column as written (`YES`, `Required`, `No`, `-`), when the table has one. */
  required?: string;
  /** The type column as written (`String`, `Array of strings`). */
  type?: string;
  /** `path`, `query`, `header`, `body` where the table says (Huawei's IN column). */
  in?: string;
  /** Restrictions and description, joined. */
  text: string;
  /** 0-based line of the row's name. */
  line: number;
}

/** Column roles, from header words in the three languages. */
type Role = 'name' | 'required' | 'type' | 'in' | 'restrictions' | 'description' | 'other';

function roleOf(header: string): Role {
  const h = header.trim().toLowerCase().replace(/_/g, ' ');
  if (/^(?:parameter|parameter name|field|name|파라미터명|파라미터|필드|필드명|パラメータ名|パラメータ|フィールド|フィールド名)$/.test(h)) {
    return 'name';
  }
  if (/^(?:mandatory|required|requirement status|필수 여부|必須の有無|要否|必須)$/.test(h)) {
    return 'required';
  }
  if (/^(?:type|data type|타입|タイプ|型)$/.test(h)) {
    return 'type';
  }
  if (h === 'in') {
    return 'in';
  }
  if (/^(?:restrictions|constraints|제약 사항|制約事項)$/.test(h)) {
    return 'restrictions';
  }
  if (/^(?:description|설명|説明)$/.test(h)) {
    return 'description';
  }
  return 'other';
}

const SEPARATOR = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const NAME = /^[A-Za-z_$][\w.$[\]-]*$/;
const TYPE_WORD =
  /^(?:string|integer|int|int32|int64|long|short|boolean|bool|number|float|double|object|array|list|map|date|datetime|timestamp|array of \w+|list<\w+>|array<\w+>|\w+\[\])$/i;
const REQUIREMENT = /^(?:yes|no|y|n|required|optional|true|false|-|필수|선택|必須|任意)$/i;

/** Where a table stops: a heading or a Huawei status or table caption line. */
function stops(line: string): boolean {
  return headingKind(line) !== undefined || /^\s*(?:Status code:\s*\d{3}|Table \d+\b)/.test(line);
}

function rowFrom(roles: Role[], cells: string[], line: number): FieldRow | undefined {
  const get = (role: Role) =>
    cells
      .filter((_, i) => roles[i] === role)
      .join(' ')
      .trim();
  const name = get('name').replace(/\s+/g, '');
  if (!NAME.test(name)) {
    return undefined;
  }
  const text = [get('restrictions'), get('description')].filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
  return {
    name,
    text,
    line,
    ...(roles.includes('required') ? { required: get('required') } : {}),
    ...(roles.includes('type') ? { type: get('type') } : {}),
    ...(roles.includes('in') ? { in: get('in').toLowerCase() } : {}),
  };
}

/**
 * Pipe tables: a header row, a `---|---|` line, then rows whose cells end at `|`. A cell may span lines (the
 * modern NCP pages put each description on lines of its own), so the rows after the separator are read as one
 * stream of cells; whitespace-only cells at the start of a row are the leading `|` of the Huawei text form.
 */
function pipeTables(lines: readonly string[], from: number, to: number): FieldRow[] {
  const rows: FieldRow[] = [];
  for (let i = from; i < to; i++) {
    const sep = lines[i] ?? '';
    if (!SEPARATOR.test(sep) || !sep.includes('|')) {
      continue;
    }
    const columns = sep.split('|').filter((c) => /-{3,}/.test(c)).length;
    // Header cells: back from the separator until `columns` non-empty cells are found.
    const header: string[] = [];
    for (let j = i - 1; j >= from && header.length < columns; j--) {
      const cells = (lines[j] ?? '')
        .split('|')
        .map((c) => c.trim())
        .filter(Boolean);
      header.unshift(...cells);
    }
    const roles = header.slice(-columns).map(roleOf);
    if (!roles.includes('name')) {
      continue;
    }
    let cells: string[] = [];
    let open = '';
    let rowLine = i + 1;
    let j = i + 1;
    for (; j < to; j++) {
      const line = lines[j] ?? '';
      if (
        cells.length === 0 &&
        open.trim() === '' &&
        (stops(line) || (!line.includes('|') && line.trim() !== '' && !NAME.test(line.trim())))
      ) {
        break;
      }
      if (SEPARATOR.test(line)) {
        break;
      }
      const parts = line.split('|');
      parts.forEach((part, k) => {
        if (k < parts.length - 1) {
          const cell = `${open} ${part}`.trim();
          open = '';
          if (cells.length === 0 && cell === '') {
            return;
          }
          if (cells.length === 0) {
            rowLine = j;
          }
          cells.push(cell);
          if (cells.length === columns) {
            const row = rowFrom(roles, cells, rowLine);
            if (row) {
              rows.push(row);
            }
            cells = [];
          }
        } else {
          open = `${open} ${part}`;
        }
      });
    }
    i = j - 1;
  }
  return rows;
}

/**
 * Huawei's text form puts every cell on a line of its own under a header of one word per line (`Parameter`,
 * `Mandatory`, `Type`, `Description`). Rows are found by their shape: a name, then a Yes/No, a type or an IN
 * value where the header says; the description runs to the next row or heading.
 */
function lineTables(lines: readonly string[], from: number, to: number): FieldRow[] {
  const rows: FieldRow[] = [];
  const text = (k: number) => (lines[k] ?? '').trim();
  for (let i = from; i < to; i++) {
    const first = text(i).replace(/^Table \d+ .*?\b(?=Parameter$)/, '');
    if (roleOf(first) !== 'name' || text(i).includes('|')) {
      continue;
    }
    const roles: Role[] = ['name'];
    let j = i + 1;
    for (; j < to; j++) {
      if (text(j) === '') {
        continue;
      }
      const role = roleOf(text(j));
      if (role === 'name' || role === 'other' || text(j).includes('|')) {
        break;
      }
      roles.push(role);
    }
    if (roles.length < 2 || !roles.includes('description')) {
      continue;
    }
    const fixed = roles.slice(0, roles.indexOf('description'));
    const values: number[] = [];
    for (let k = j; k < to && !stops(lines[k] ?? ''); k++) {
      if (text(k) !== '') {
        values.push(k);
      }
    }
    const startsRow = (at: number) =>
      fixed.every((role, offset) => {
        const v = text(values[at + offset] ?? -1);
        return role === 'name'
          ? NAME.test(v)
          : role === 'required'
            ? REQUIREMENT.test(v)
            : role === 'type'
              ? TYPE_WORD.test(v)
              : role === 'in'
                ? /^(?:path|query|header|body|formdata)$/i.test(v)
                : true;
      });
    let at = 0;
    while (at < values.length) {
      if (!startsRow(at)) {
        at++;
        continue;
      }
      const cells = fixed.map((_, offset) => text(values[at + offset] ?? -1));
      let next = at + fixed.length;
      const description: string[] = [];
      while (next < values.length && !startsRow(next)) {
        description.push(text(values[next] ?? -1));
        next++;
      }
      const row = rowFrom([...fixed, 'description'], [...cells, description.join(' ')], values[at] ?? 0);
      if (row) {
        rows.push(row);
      }
      at = next;
    }
    i = (values.at(-1) ?? j) + 0;
  }
  return rows;
}

/**
 * The old NCP pages' text run a row's cells together (`idYESStringEnter up to 22 characters.- app id…`) under a
 * header run together the same way (`Parameter nameRequirement statusType…`). A row is a name, a requirement
 * and a type word; the rest, and the lines up to the next row, is restrictions and description.
 */
function runTogetherTables(lines: readonly string[], from: number, to: number): FieldRow[] {
  const header = lines
    .slice(from, to)
    .findIndex((l) => /(?:Requirement status|필수 여부|要否).*(?:Type|타입|タイプ)/.test(l) && !l.includes('|'));
  if (header < 0) {
    return [];
  }
  const row =
    /^([A-Za-z_$][\w.$]*?)(YES|NO|Yes|No|Y|N|Required|Optional)(String|Integer|Int|Long|Boolean|Double|Float|Number|Object|Array|List|Map|Date)(.*)$/;
  const rows: FieldRow[] = [];
  for (let i = from + header + 1; i < to; i++) {
    const line = (lines[i] ?? '').trim();
    if (stops(line)) {
      break;
    }
    const m = row.exec(line);
    if (m) {
      rows.push({ name: m[1] ?? '', required: m[2] ?? '', type: m[3] ?? '', text: (m[4] ?? '').trim(), line: i });
    } else if (line !== '' && rows.length > 0) {
      const last = rows[rows.length - 1];
      if (last) {
        last.text = `${last.text} ${line}`.trim();
      }
    }
  }
  return rows;
}

/** Headers of more than one word, joined so a header line splits into one word per column. */
const MULTI_WORD = /필수 여부|제약 사항|Requirement status|Parameter name|Data type/g;

/**
 * Tables whose text keeps the cells of a row on one line separated by spaces (`name String Required Account name`)
 * under a header of the same form; lines that do not start a row continue the description above them.
 */
function spaceTables(lines: readonly string[], from: number, to: number): FieldRow[] {
  const rows: FieldRow[] = [];
  for (let i = from; i < to; i++) {
    const header = (lines[i] ?? '')
      .trim()
      .replace(MULTI_WORD, (m) => m.replace(/ /g, '_'))
      .split(/\s+/);
    const roles = header.map(roleOf);
    if (
      header.length < 3 ||
      roles[0] !== 'name' ||
      roles.includes('other') ||
      roles.at(-1) !== 'description' ||
      (lines[i] ?? '').includes('|')
    ) {
      continue;
    }
    const fixed = roles.slice(0, -1);
    let j = i + 1;
    for (; j < to && !stops(lines[j] ?? ''); j++) {
      const tokens = (lines[j] ?? '').trim().split(/\s+/);
      const fits = fixed.every((role, k) => {
        const v = tokens[k] ?? '';
        return role === 'name' ? NAME.test(v) : role === 'type' ? TYPE_WORD.test(v) : role === 'required' ? REQUIREMENT.test(v) : v !== '';
      });
      if (fits && tokens.length >= fixed.length) {
        const row = rowFrom(roles, [...tokens.slice(0, fixed.length), tokens.slice(fixed.length).join(' ')], j);
        if (row) {
          rows.push(row);
          continue;
        }
      }
      const last = rows.at(-1);
      if (last && (lines[j] ?? '').trim() !== '') {
        last.text = `${last.text} ${(lines[j] ?? '').trim()}`.trim();
      }
    }
    i = j - 1;
  }
  return rows;
}

/** Every field row of the tables between two lines, in whichever of the four forms they are. */
export function fieldRows(lines: readonly string[], from: number, to: number): FieldRow[] {
  for (const reader of [pipeTables, lineTables, spaceTables, runTogetherTables]) {
    const rows = reader(lines, from, to);
    if (rows.length > 0) {
      return rows;
    }
  }
  return [];
}
